import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '@lepa/server';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { insertFirmsNear, queueClient } from '../support/bulk-firms.ts';
import { lotInput, register, smeInput, type Account } from '../support/fixtures.ts';
import { LiveTestClient, proposalsFor } from '../support/live-client.ts';
import { startServer, stopServer, type ServerProcess } from '../support/server.ts';
import { BACKGROUND_SHARDS } from '../../server/src/matching/job-queue.ts';

/**
 * Matching workers on graphile-worker: web instances that never solve, and
 * worker processes sharing the queue. graphile-worker needs PostgreSQL, so
 * without TEST_DATABASE_URL these are skipped (CI sets it).
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('matching workers on PostgreSQL', () => {
  let database: TestDatabase;
  let webA: App;
  let webB: App;
  let provider: Account;
  const processes: ServerProcess[] = [];

  const workerEnv = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: database.databaseUrl!,
    LEPA_ROLE: 'worker',
    LEPA_DEMO_DATA: 'off',
    LEPA_DIAGNOSTICS: 'on',
    LEPA_MATCHING_LOCK_TIMEOUT_MS: '2000',
    ...extra,
  });
  const diagnostics = async (server: ServerProcess) =>
    (await (await fetch(`${server.url}/api/diagnostics`)).json()) as { matching: { solves: number } };

  beforeAll(async () => {
    database = await createTestDatabase();
    const options = {
      databaseUrl: database.databaseUrl,
      dataDir: 'memory',
      authAttemptsPerMinute: 1000,
      matching: { role: 'web' as const },
    };
    webA = await buildApp(options);
    webB = await buildApp(options);
    await webA.listen({ port: 0, host: '127.0.0.1' });
    await webB.listen({ port: 0, host: '127.0.0.1' });
    provider = await register(webA, 'provider');
  });
  afterAll(async () => {
    for (const server of processes) await stopServer(server, 'SIGKILL');
    await webA?.close();
    await webB?.close();
    await database?.drop();
  });

  it('builds a worker with only matching and the operational routes: no API, live board, docs or client', async () => {
    const worker = await startServer(workerEnv());
    processes.push(worker);
    const health = await fetch(`${worker.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: { kind: 'postgres', reachable: true } });
    const report = (await (await fetch(`${worker.url}/api/diagnostics`)).json()) as Record<string, unknown>;
    expect(report).toMatchObject({ role: 'worker', live: null, matching: { solves: expect.any(Number) } });
    expect(report.ownedShards).toEqual(expect.any(Array));
    const reset = await fetch(`${worker.url}/api/diagnostics/event-loop/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);

    const json = { 'content-type': 'application/json' };
    const webOnly: [string, string, string?][] = [
      ['GET', '/api/lots'],
      ['POST', '/api/auth/login', JSON.stringify({ email: provider.email, password: 'x' })],
      ['GET', '/api/demo/sign-ins'],
      ['GET', '/docs/json'],
      ['GET', '/'],
      ['GET', '/ws'],
    ];
    for (const [method, path, body] of webOnly) {
      const response = await fetch(`${worker.url}${path}`, { method, headers: body ? json : {}, body });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    // No websocket hub: the upgrade is refused.
    await expect(LiveTestClient.connect(`${worker.url.replace(/^http/, 'ws')}/ws`)).rejects.toThrow(/404/);
    // And it still stops cleanly on SIGTERM.
    expect(await stopServer(worker)).toBe(0);
  }, 120_000);

  it('computes each answer once, in the worker, whatever the number of web instances', async () => {
    const worker = await startServer(workerEnv());
    processes.push(worker);
    const sme = await register(webB, 'sme');
    await webB.inject({ method: 'POST', url: '/api/smes', headers: sme.auth, payload: smeInput() });
    const lot = (
      await webA.inject({ method: 'POST', url: '/api/lots', headers: provider.auth, payload: lotInput() })
    ).json() as { id: string };

    const port = (app: App) => (app.server.address() as { port: number }).port;
    const onA = await LiveTestClient.connect(`ws://127.0.0.1:${port(webA)}/ws`, provider.auth);
    const onB = await LiveTestClient.connect(`ws://127.0.0.1:${port(webB)}/ws`, provider.auth);
    onA.send({ type: 'subscribe', lotId: lot.id });
    onB.send({ type: 'subscribe', lotId: lot.id });
    const first = await onA.next(proposalsFor(lot.id), 30_000);
    await onB.next(proposalsFor(lot.id), 30_000);
    const solvesBefore = (await diagnostics(worker)).matching.solves;

    const cheaper = await webB.inject({
      method: 'POST',
      url: '/api/smes',
      headers: sme.auth,
      payload: smeInput({
        name: 'Cheaper Lofts Ltd',
        capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 30, unitPrice: 100 }],
      }),
    });
    expect(cheaper.statusCode).toBe(201);
    const newer = (m: Record<string, unknown>) => (m.version as number) > (first.version as number);
    const pushedA = await onA.next(proposalsFor(lot.id, newer), 30_000);
    const pushedB = await onB.next(proposalsFor(lot.id, newer), 30_000);
    expect(pushedA).toEqual(pushedB);
    expect(JSON.stringify(pushedA.proposals)).toContain('Cheaper Lofts Ltd');
    // One solve for the one lot the change touched, not one per web instance; the web instances solved nothing.
    expect((await diagnostics(worker)).matching.solves - solvesBefore).toBe(1);
    expect(webA.matching.stats.solves + webB.matching.stats.solves).toBe(0);
    onA.close();
    onB.close();
    await stopServer(worker);
  }, 180_000);

  it('hands the job of a worker killed mid-solve to another worker, and the answer still arrives', async () => {
    const owner = await register(webA, 'sme', 'bulk owner');
    const at = { lat: 52.48, lon: -1.9 };
    // Enough firms that the first solve (market load, candidates, search) takes a while.
    await insertFirmsNear(webA.database.db, { ownerId: owner.id, count: 50_000, ...at, prefix: 'Bulk Loft' });
    const doomed = await startServer(workerEnv());
    processes.push(doomed);
    const lot = (
      await webA.inject({
        method: 'POST',
        url: '/api/lots',
        headers: provider.auth,
        payload: lotInput({
          location: at,
          postcode: undefined,
          requirements: [{ skill: 'loft-insulation', quantity: 40 }],
        }),
      })
    ).json() as { id: string };

    const queue = queueClient(database.databaseUrl!);
    try {
      let locked = false;
      for (let tries = 0; tries < 600 && !locked; tries++) {
        const [row] = await queue`select count(*)::int as n from graphile_worker._private_jobs
          where key = 'lots:' || (hashtext(${lot.id}) & ${BACKGROUND_SHARDS - 1}::int) and locked_at is not null`;
        locked = row!.n > 0;
        if (!locked) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(locked, 'the first worker never took the job').toBe(true);
      const [stored] = await queue`select count(*)::int as n from lot_answers where lot_id = ${lot.id}`;
      expect(stored!.n, 'the first worker finished before it could be killed').toBe(0);
      expect(await stopServer(doomed, 'SIGKILL')).toBe('SIGKILL');

      const survivor = await startServer(workerEnv());
      processes.push(survivor);
      const client = await LiveTestClient.connect(
        `ws://127.0.0.1:${(webA.server.address() as { port: number }).port}/ws`,
        provider.auth,
      );
      client.send({ type: 'subscribe', lotId: lot.id });
      const answer = await client.next(proposalsFor(lot.id), 60_000);
      // Within the engine's time budget a 50,000-firm lot may come back "timedout" on a loaded machine; it arrives either way.
      expect(['optimal', 'timedout']).toContain(answer.status);
      expect((await diagnostics(survivor)).matching.solves).toBeGreaterThan(0);
      client.close();
    } finally {
      await queue.end();
    }
  }, 180_000);
});
