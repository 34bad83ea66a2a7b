import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../server/src/demo/generate.ts';
import { loadDemoDataIfEmpty } from '../../server/src/demo/load.ts';
import { call } from '../support/http.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

let demo: TestApp;
let off: TestApp;

beforeAll(async () => {
  demo = await startTestApp({ demoSignIns: true });
  off = await startTestApp({ demoSignIns: false });
  await loadDemoDataIfEmpty(demo.app.database.db, generateDemoData({ seed: 2027, smeCount: 60, lotCount: 8 }));
});
afterAll(async () => {
  await Promise.all([demo?.close(), off?.close()]);
});

describe('demo sign-ins', () => {
  it('lists the showcase people with what to try, and each signs in with the shared password', async () => {
    const reply = await call(demo.app, 'GET', '/api/demo/sign-ins');
    expect(reply.status, reply.text).toBe(200);
    const { password, people } = reply.body as {
      password: string;
      people: { email: string; role: string; what: string; firms: string[] }[];
    };
    console.log(people.map((p) => `${p.email} (${p.role}): ${p.what} ${p.firms.join(', ')}`).join('\n'));
    expect(people[0]).toMatchObject({ email: 'lead@demo.lepa.test', role: 'sme' });
    expect(people[0]!.firms.length).toBeGreaterThan(0);
    expect(new Set(people.map((p) => p.email)).size).toBe(people.length);
    for (const person of people) {
      expect(person.what.length).toBeGreaterThan(20);
      const login = await call(demo.app, 'POST', '/api/auth/login', { payload: { email: person.email, password } });
      expect(login.status, person.email).toBe(200);
      expect(login.body.user.role).toBe(person.role);
    }
  });

  it('answers 404 when the demo is off', async () => {
    expect((await call(off.app, 'GET', '/api/demo/sign-ins')).status).toBe(404);
  });
});
