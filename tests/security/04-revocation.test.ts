import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '@lepa/server';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { register, type Account } from '../support/fixtures.ts';
import { LiveTestClient } from '../support/live-client.ts';

/**
 * Issue 13, item 4: after logout or logout-all the account's open /ws connections kept receiving
 * messages. Now every revocation is broadcast and each instance closes that session's sockets
 * with 4401. On PostgreSQL two instances share the database and the sockets sit on the other
 * instance from the one revoking; PGlite is one process's database, so there it is one instance.
 */
describe('revoked sessions lose their sockets', () => {
  let database: TestDatabase;
  let revoking: App;
  let watching: App;
  let wsUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const options = { databaseUrl: database.databaseUrl, dataDir: database.dataDir, authAttemptsPerMinute: 1000 };
    revoking = await buildApp(options);
    watching = database.databaseUrl ? await buildApp(options) : revoking;
    await revoking.ready();
    const address = await watching.listen({ port: 0, host: '127.0.0.1' });
    wsUrl = `${address.replace('http', 'ws')}/ws`;
  });
  afterAll(async () => {
    if (watching !== revoking) await watching?.close();
    await revoking?.close();
    await database?.drop();
  });

  async function socketsOf(account: Account) {
    const byHeader = await LiveTestClient.connect(wsUrl, account.auth);
    const byCookie = await LiveTestClient.connect(wsUrl, { cookie: `lepa_session=${account.token}` });
    const byMessage = await LiveTestClient.connect(wsUrl);
    byMessage.send({ type: 'auth', token: account.token });
    await byMessage.next((m) => m.type === 'authenticated');
    // A round trip on each, so the header and cookie sockets are identified too.
    for (const client of [byHeader, byCookie]) {
      client.send({ type: 'unsubscribe', lotId: '00000000-0000-4000-8000-000000000000' });
      client.send('not json');
      await client.next((m) => m.type === 'error');
    }
    return [byHeader, byCookie, byMessage];
  }

  async function closedWithin(clients: LiveTestClient[], ms: number) {
    const started = performance.now();
    const codes = await Promise.all(clients.map((client) => client.closed(ms + 1000)));
    return { codes, ms: performance.now() - started };
  }

  const post = (path: string, account: Account) =>
    revoking.inject({ method: 'POST', url: `/api/auth/${path}`, headers: account.auth });

  it('logout closes that session’s sockets with 4401 within a second, and only those', async () => {
    const account = await register(revoking, 'sme');
    const second = (
      await revoking.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: account.email, password: 'correct horse battery' },
      })
    ).json() as { token: string };
    const otherSession = { ...account, token: second.token, auth: { authorization: `Bearer ${second.token}` } };
    const sockets = await socketsOf(account);
    const survivors = await socketsOf(otherSession);

    expect((await post('logout', account)).statusCode).toBe(200);
    const { codes, ms } = await closedWithin(sockets, 1000);
    expect(codes).toEqual([4401, 4401, 4401]);
    expect(ms).toBeLessThan(1000);
    expect(survivors.every((client) => client.closeCode === undefined)).toBe(true);
    for (const client of survivors) client.close();
  });

  it('logout-all closes every session’s sockets', async () => {
    const account = await register(revoking, 'provider');
    const sockets = await socketsOf(account);
    expect((await post('logout-all', account)).statusCode).toBe(200);
    const { codes, ms } = await closedWithin(sockets, 1000);
    expect(codes).toEqual([4401, 4401, 4401]);
    expect(ms).toBeLessThan(1000);
  });

  it('deleting the account closes its sockets', async () => {
    const account = await register(revoking, 'sme');
    const sockets = await socketsOf(account);
    expect((await revoking.inject({ method: 'DELETE', url: '/api/auth/me', headers: account.auth })).statusCode).toBe(
      200,
    );
    const { codes, ms } = await closedWithin(sockets, 1000);
    expect(codes).toEqual([4401, 4401, 4401]);
    expect(ms).toBeLessThan(1000);
  });

  it('a revoked token cannot open a new socket', async () => {
    const account = await register(revoking, 'sme');
    await post('logout', account);
    const client = await LiveTestClient.connect(wsUrl, account.auth);
    expect(await client.closed(2000)).toBe(4401);
  });
});
