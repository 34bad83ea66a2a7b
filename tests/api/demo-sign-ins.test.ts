import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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
}, 300_000);
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
  }, 180_000);

  it('works the list out once, and again after a lot changes', async () => {
    const first = await call(demo.app, 'GET', '/api/demo/sign-ins');
    const asked = vi.spyOn(demo.app.matching, 'answer');
    try {
      const second = await call(demo.app, 'GET', '/api/demo/sign-ins');
      expect(second.body).toEqual(first.body);
      expect(asked).not.toHaveBeenCalled();

      const { password, people } = first.body as { password: string; people: { email: string; what: string }[] };
      const provider = people.find((p) => p.email !== people[0]!.email && p.what.startsWith('Housing provider'))!;
      const title = provider.what.match(/“(.+)”/)![1]!;
      const login = await call(demo.app, 'POST', '/api/auth/login', { payload: { email: provider.email, password } });
      const auth = { authorization: `Bearer ${login.body.token as string}` };
      const mine = await call(demo.app, 'GET', '/api/lots?mine=true&status=open&limit=100', { as: { auth } });
      const lot = (mine.body.items as { id: string; title: string }[]).find((l) => l.title === title)!;
      expect((await call(demo.app, 'POST', `/api/lots/${lot.id}/close`, { as: { auth } })).status).toBe(200);

      await vi.waitFor(
        async () => {
          const after = await call(demo.app, 'GET', '/api/demo/sign-ins');
          expect(after.status).toBe(200);
          expect(after.text).not.toContain(`“${title}”`);
        },
        { timeout: 30_000, interval: 200 },
      );
      expect(asked).toHaveBeenCalled();
    } finally {
      asked.mockRestore();
    }
  }, 120_000);

  it('answers 404 when the demo is off', async () => {
    expect((await call(off.app, 'GET', '/api/demo/sign-ins')).status).toBe(404);
  });
});
