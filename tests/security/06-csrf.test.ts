import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { firmsCsv } from '../fixtures/firms-csv.ts';
import { lotInput, register, type Account } from '../support/fixtures.ts';
import { startListening } from './support.ts';
import { count, eq } from 'drizzle-orm';
import { smes } from '@lepa/db';

/**
 * Issue 13, item 6: CSRF rested on SameSite alone. A text/plain CSV (what a cross-site form can
 * send) to /api/smes/import with the session cookie and Origin https://evil.example created a firm;
 * POST /api/lots/:id/close with a text/plain body closed a lot; /ws accepted a cookie login from any
 * Origin. Now state changes take JSON only (the CSV import text/csv) → 415, and cookie-authenticated
 * changes and /ws upgrades from a foreign Origin → 403.
 */
describe('cross-site requests', () => {
  let t: Awaited<ReturnType<typeof startListening>>;
  let sme: Account;
  let provider: Account;
  let lotId: string;
  const own = { host: 'lepa.example:3000', origin: 'http://lepa.example:3000' };
  const evil = { host: 'lepa.example:3000', origin: 'https://evil.example' };
  const cookieOf = (account: Account) => ({ cookie: `lepa_session=${account.token}` });

  beforeAll(async () => {
    t = await startListening();
    sme = await register(t.app, 'sme');
    provider = await register(t.app, 'provider');
    lotId = (
      await t.app.inject({ method: 'POST', url: '/api/lots', headers: provider.auth, payload: lotInput() })
    ).json().id as string;
  });
  afterAll(async () => t?.close());

  // Counted in the database itself: list pages may be cached for a moment.
  const firmCount = async () =>
    Number((await t.app.database.db.select({ n: count() }).from(smes).where(eq(smes.ownerId, sme.id)))[0]!.n);
  const lotStatus = async () =>
    (await t.app.inject({ method: 'GET', url: `/api/lots/${lotId}`, headers: provider.auth })).json().status as string;

  it('a text/plain CSV with the cookie from evil.example: 415, no firm', async () => {
    const reply = await t.app.inject({
      method: 'POST',
      url: '/api/smes/import',
      headers: { ...cookieOf(sme), ...evil, 'content-type': 'text/plain' },
      payload: firmsCsv(1),
    });
    expect(reply.statusCode).toBe(415);
    expect(reply.json().error.code).toBe('invalid_input');
    expect(await firmCount()).toBe(0);
  });

  it('a text/csv import with the cookie from evil.example: 403, no firm; from the own origin: 201', async () => {
    const evilReply = await t.app.inject({
      method: 'POST',
      url: '/api/smes/import',
      headers: { ...cookieOf(sme), ...evil, 'content-type': 'text/csv' },
      payload: firmsCsv(1),
    });
    expect(evilReply.statusCode).toBe(403);
    expect(await firmCount()).toBe(0);
    const ownReply = await t.app.inject({
      method: 'POST',
      url: '/api/smes/import',
      headers: { ...cookieOf(sme), ...own, 'content-type': 'text/csv' },
      payload: firmsCsv(1),
    });
    expect(ownReply.statusCode).toBe(201);
    expect(await firmCount()).toBe(1);
  });

  it('closing a lot with a text/plain or form body: 415; from evil.example with the cookie: 403; the lot stays open', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const reply = await t.app.inject({
        method: 'POST',
        url: `/api/lots/${lotId}/close`,
        headers: { ...cookieOf(provider), 'content-type': type },
        payload: 'a=1',
      });
      expect(reply.statusCode, type).toBe(415);
    }
    const noBody = await t.app.inject({
      method: 'POST',
      url: `/api/lots/${lotId}/close`,
      headers: { ...cookieOf(provider), ...evil },
    });
    expect(noBody.statusCode).toBe(403);
    expect(await lotStatus()).toBe('open');
  });

  it('a bearer token is not a cookie: another Origin does not matter', async () => {
    const reply = await t.app.inject({
      method: 'POST',
      url: '/api/smes/import',
      headers: { ...sme.auth, ...evil, 'content-type': 'text/csv' },
      payload: firmsCsv(1),
    });
    expect(reply.statusCode).toBe(201);
  });

  it('/ws with the cookie from evil.example: 403 before the upgrade; from its own origin it opens', async () => {
    const wsUrl = `${t.url.replace('http', 'ws')}/ws`;
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(wsUrl, { headers: cookieOf(sme), origin: 'https://evil.example' });
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => reject(new Error('opened')));
      socket.on('error', () => {});
    });
    expect(status).toBe(403);
    const opened = await new Promise<boolean>((resolve) => {
      const socket = new WebSocket(wsUrl, { headers: cookieOf(sme), origin: t.url });
      socket.on('open', () => {
        socket.close();
        resolve(true);
      });
      socket.on('unexpected-response', () => resolve(false));
    });
    expect(opened).toBe(true);
  });
});

describe('with LEPA_PUBLIC_URL set', () => {
  let t: Awaited<ReturnType<typeof startListening>>;
  let sme: Account;
  beforeAll(async () => {
    t = await startListening({ publicUrl: 'https://lepa.example' });
    sme = await register(t.app, 'sme');
  });
  afterAll(async () => t?.close());

  it('only that origin may change things with the cookie', async () => {
    const send = (origin: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/smes/import',
        headers: { cookie: `lepa_session=${sme.token}`, origin, 'content-type': 'text/csv' },
        payload: firmsCsv(1),
      });
    expect((await send('http://localhost:80')).statusCode).toBe(403);
    expect((await send('https://lepa.example')).statusCode).toBe(201);
  });
});
