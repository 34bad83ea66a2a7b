import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sme, SmeInput } from '@lepa/shared';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { PASSWORD, smeInput } from '../support/fixtures.ts';
import { startServer, stopServer, type ServerProcess } from '../support/server.ts';

/**
 * The embedded default (PGlite in a data folder) keeps every write it has
 * acknowledged through a SIGKILL, and SIGTERM drains in-flight requests and
 * exits 0. With TEST_DATABASE_URL set the same checks run against a fresh
 * PostgreSQL database instead.
 */
const usePostgres = Boolean(process.env.TEST_DATABASE_URL);

/** A profile whose content encodes (firm, version), so what is stored tells which write it came from. */
function version(firm: number, n: number): SmeInput {
  return smeInput({
    name: `Durable firm ${firm} v${n}`,
    employees: 1 + (n % 1000),
    capabilities: [
      { skill: 'loft-insulation', capacityPerMonth: 1 + n, unitPrice: 100 + firm },
      ...(n % 2 === 0 ? [{ skill: 'draught-proofing' as const, capacityPerMonth: 5, unitPrice: n }] : []),
    ],
    certifications: [{ scheme: 'pas-2030', reference: `v${n}`, expires: '2031-01-01' }],
  });
}

function versionOf(sme: Sme): number {
  return Number(/ v(\d+)$/.exec(sme.name)![1]);
}

async function json(url: string, init: RequestInit & { token?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(url, { ...init, headers });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe(`durability of the ${usePostgres ? 'PostgreSQL' : 'embedded PGlite'} server`, () => {
  let dataDir: string;
  let database: TestDatabase | undefined;
  let env: Record<string, string>;
  let server: ServerProcess | undefined;
  let token: string;
  /** Per firm: the highest version answered 2xx, and the version sent but not answered when the server died. */
  const firms = new Map<string, { index: number; acked: number; pending: number | null }>();
  /** Indices of creates sent but not answered: after a SIGKILL they may or may not have committed. */
  const pendingCreates = new Set<number>();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lepa-durability-'));
    database = usePostgres ? await createTestDatabase() : undefined;
    env = { LEPA_DATA_DIR: dataDir, LEPA_DEMO_DATA: 'off', DATABASE_URL: database?.databaseUrl ?? '' };
  });
  afterAll(async () => {
    if (server) await stopServer(server, 'SIGKILL');
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function checkStored(base: string) {
    const stored = new Map<string, Sme>();
    let cursor: string | null = null;
    do {
      const page: any = (
        await json(`${base}/api/smes?mine=true&limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token })
      ).body;
      for (const sme of page.items as Sme[]) stored.set(sme.id, sme);
      cursor = page.nextCursor;
    } while (cursor);
    for (const [id, firm] of firms) {
      const sme = stored.get(id);
      expect(sme, `firm ${firm.index} (acknowledged v${firm.acked}) is missing`).toBeDefined();
      const v = versionOf(sme!);
      // The last acknowledged version, or the one that was in flight when the server died.
      expect([firm.acked, ...(firm.pending === null ? [] : [firm.pending])], `firm ${firm.index}`).toContain(v);
      expect(sme).toMatchObject({
        ...version(firm.index, v),
        capabilities: expect.any(Array),
        certifications: expect.any(Array),
      });
      expect(sme!.capabilities).toHaveLength(version(firm.index, v).capabilities.length);
      firm.acked = v;
      firm.pending = null;
    }
    return stored;
  }

  /** Workers, one per firm (so a firm's versions are ordered), each writing as fast as it is answered; every third worker also creates firms. */
  function stream(base: string, workers: number, stop: { now: boolean }, delayMs = 0) {
    const answers: number[] = [];
    const runs = Array.from({ length: workers }, async (_, w) => {
      const mine = [...firms.entries()].filter(([, f]) => f.index % workers === w);
      let n = 0;
      while (!stop.now) {
        n++;
        if (w % 3 === 0 && n % 4 === 0) {
          const index = 1000 * (w + 1) + n;
          pendingCreates.add(index);
          try {
            const created = await json(`${base}/api/smes`, {
              method: 'POST',
              token,
              body: JSON.stringify(version(index, 1)),
            });
            answers.push(created.status);
            if (created.status === 201) firms.set(created.body.id, { index, acked: 1, pending: null });
            pendingCreates.delete(index);
          } catch {
            return; // the server is gone; this create may or may not have committed
          }
        } else {
          const [id, firm] = mine[n % mine.length]!;
          const next = firm.acked + 1;
          firm.pending = next;
          try {
            const updated = await json(`${base}/api/smes/${id}`, {
              method: 'PUT',
              token,
              body: JSON.stringify(version(firm.index, next)),
            });
            answers.push(updated.status);
            if (updated.status === 200) {
              firm.acked = next;
              firm.pending = null;
            } else if (updated.status >= 500) return;
          } catch {
            return; // the server is gone; this write stays pending
          }
        }
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      }
    });
    return { answers, done: Promise.all(runs) };
  }

  it('keeps every acknowledged write through a SIGKILL in the middle of a write stream', async () => {
    server = await startServer(env);
    const email = `durable-${Date.now()}@example.test`;
    const registered = await json(`${server.url}/api/auth/register`, {
      method: 'POST',
      body: JSON.stringify({ email, password: PASSWORD, name: 'Durable', role: 'sme' }),
    });
    expect(registered.status).toBe(201);
    token = registered.body.token;
    for (let index = 0; index < 8; index++) {
      const created = await json(`${server.url}/api/smes`, {
        method: 'POST',
        token,
        body: JSON.stringify(version(index, 1)),
      });
      expect(created.status).toBe(201);
      firms.set(created.body.id, { index, acked: 1, pending: null });
    }

    const stop = { now: false };
    const writes = stream(server.url, 4, stop);
    // Let a good number of writes through, then kill without warning.
    while (writes.answers.length < 120) await new Promise((r) => setTimeout(r, 10));
    server.child.kill('SIGKILL');
    expect(await server.exited).toBe('SIGKILL');
    stop.now = true;
    await writes.done;
    expect(
      writes.answers.every((s) => s === 200 || s === 201),
      JSON.stringify(writes.answers),
    ).toBe(true);

    server = await startServer(env);
    const stored = await checkStored(server.url);
    // Beyond the acknowledged firms, only creates that were in flight when the server died may be there.
    for (const [id, sme] of stored) {
      if (firms.has(id)) continue;
      const index = Number(/^Durable firm (\d+) v1$/.exec(sme.name)?.[1]);
      expect(pendingCreates.has(index), `unexpected firm ${sme.name}`).toBe(true);
      firms.set(id, { index, acked: 1, pending: null });
    }
    expect(stored.size).toBe(firms.size);
    const health = await json(`${server.url}/api/health`);
    expect(health.body.status).toBe('ok');
  }, 120_000);

  it('SIGTERM lets in-flight requests finish with 2xx, exits 0, and a restart opens cleanly with the data', async () => {
    expect(server).toBeDefined();
    const running = server!;
    // Request logs tell which requests the server had received before the signal.
    await stopServer(running, 'SIGTERM');
    server = await startServer({ ...env, LOG_LEVEL: 'info' });
    const stop = { now: false };
    const writes = stream(server.url, 8, stop);
    while (writes.answers.length < 60) await new Promise((r) => setTimeout(r, 5));
    const signalledAt = Date.now();
    const code = await stopServer(server, 'SIGTERM');
    // Kept-alive connections must not hold the exit open (Fastify's keepAliveTimeout is 72 s).
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    stop.now = true;
    await writes.done;
    expect(code).toBe(0);

    const logs = server.lines
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; reqId?: string; res?: { statusCode: number } });
    const signalAt = logs.findIndex((l) => l.msg.includes('SIGTERM received'));
    expect(signalAt).toBeGreaterThan(0);
    const received = new Set(
      logs
        .slice(0, signalAt)
        .filter((l) => l.msg === 'incoming request')
        .map((l) => l.reqId),
    );
    const completed = new Map(
      logs.filter((l) => l.msg === 'request completed').map((l) => [l.reqId, l.res!.statusCode]),
    );
    const inFlight = [...received].filter((id) =>
      logs.slice(signalAt).some((l) => l.msg === 'request completed' && l.reqId === id),
    );
    for (const id of received) {
      expect(completed.get(id), `request ${id} received before SIGTERM`).toBeDefined();
      expect(completed.get(id)! < 300, `request ${id} answered ${completed.get(id)}`).toBe(true);
    }
    console.log(
      `SIGTERM: ${received.size} requests received before the signal, ${inFlight.length} of them still in flight; client saw ${JSON.stringify(count(writes.answers))}`,
    );
    // Whatever the client got back is a success, or a refusal of a request that arrived after the signal.
    expect(writes.answers.filter((s) => !(s < 300 || s === 503))).toEqual([]);

    server = await startServer(env);
    await checkStored(server.url);
    const me = await json(`${server.url}/api/auth/me`, { token });
    expect(me.status).toBe(200);
    expect(await stopServer(server, 'SIGTERM')).toBe(0);
    server = undefined;
  }, 120_000);
});

function count(statuses: number[]) {
  const out: Record<number, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
}
