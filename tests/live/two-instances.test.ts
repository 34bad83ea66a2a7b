import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '@lepa/server';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { call } from '../support/http.ts';
import { lotInput, register, smeInput } from '../support/fixtures.ts';
import { LiveTestClient, proposalsFor } from '../support/live-client.ts';

/**
 * Two stateless instances on one PostgreSQL database: a client connected to
 * instance A sees a change written through instance B, carried by LISTEN/NOTIFY.
 * Embedded PGlite is one process's database, so this needs TEST_DATABASE_URL (CI sets it).
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('two instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let instanceA: App;
  let instanceB: App;

  beforeAll(async () => {
    database = await createTestDatabase();
    const options = { databaseUrl: database.databaseUrl, dataDir: 'memory', authAttemptsPerMinute: 1000 };
    instanceA = await buildApp(options);
    instanceB = await buildApp(options);
    await instanceA.listen({ port: 0, host: '127.0.0.1' });
    await instanceB.ready();
  });
  afterAll(async () => {
    await instanceA?.close();
    await instanceB?.close();
    await database.drop();
  });

  it('pushes a change written through B to a board watched on A', async () => {
    const provider = await register(instanceA, 'provider');
    const sme = await register(instanceB, 'sme');
    const lot = (
      await instanceA.inject({ method: 'POST', url: '/api/lots', headers: provider.auth, payload: lotInput() })
    ).json() as { id: string };

    const address = instanceA.server.address() as { port: number };
    const client = await LiveTestClient.connect(`ws://127.0.0.1:${address.port}/ws`, provider.auth);
    client.send({ type: 'subscribe', lotId: lot.id });
    const first = await client.next(proposalsFor(lot.id));
    expect(first.feasible).toBe(false);

    const created = await instanceB.inject({
      method: 'POST',
      url: '/api/smes',
      headers: sme.auth,
      payload: smeInput({ name: 'Written Through B Ltd' }),
    });
    expect(created.statusCode).toBe(201);
    const pushed = await client.next(proposalsFor(lot.id, (m) => m.feasible === true));
    expect(JSON.stringify(pushed.proposals)).toContain('Written Through B Ltd');
    expect(pushed.version as number).toBeGreaterThan(first.version as number);
    client.close();
  });

  it('tells an owner on A of a lot near their firm posted through B', async () => {
    const owner = await register(instanceA, 'sme');
    const firm = await call(instanceA, 'POST', '/api/smes', { as: owner, payload: smeInput({ name: 'On A Ltd' }) });
    const provider = await register(instanceB, 'provider');
    const address = instanceA.server.address() as { port: number };
    const client = await LiveTestClient.connect(`ws://127.0.0.1:${address.port}/ws`, owner.auth);

    const lot = await call(instanceB, 'POST', '/api/lots', { as: provider, payload: lotInput({ title: 'Through B' }) });
    expect(lot.status, lot.text).toBe(201);
    expect(await client.next((m) => m.type === 'lot-in-reach' && m.lotId === lot.body.id)).toMatchObject({
      event: 'posted',
      smeIds: [firm.body.id],
    });
    client.close();
  });
});
