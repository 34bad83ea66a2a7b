/**
 * API throughput: starts the real server (demo data on, in a temp folder) on
 * embedded PGlite and then on a fresh PostgreSQL database, and drives three
 * routes with autocannon for ~10 s each. Right before each route it drives a
 * Fastify hello-world (tests/bench/api/hello-world.ts, its own process) the
 * same way, and prints the route's ratio to that measurement: this machine is
 * shared and its load swings within seconds, so the ratio to an adjacent
 * baseline is the figure that compares across runs. Run with `pnpm bench:api`.
 *
 *   BENCH_SECONDS   seconds per route (default 10)
 *   BENCH_CONNECTIONS  concurrent connections (default 32)
 *   BENCH_PG_URL    admin URL of the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_BACKENDS  comma list of pglite,postgres (default both)
 */
import autocannon from 'autocannon';
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smeInput } from '../support/fixtures.ts';
import { startServer, stopServer } from '../support/server.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
const DEMO_SME = { email: 'sme2@demo.lepa.test', password: 'lepa-demo-2027' };
const TARGETS = { read: 5000, write: 1000 };

interface Row {
  backend: string;
  route: string;
  kind: 'read' | 'write' | 'baseline';
  rps: number;
  /** requests/s of the hello-world measured just before this route */
  helloRps: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function api(base: string, method: string, path: string, token?: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Signs in as a demo SME; when the demo data is not there, makes its own account, firms and lot. */
async function prepare(base: string) {
  let token: string;
  let source = 'demo data';
  const login = await api(base, 'POST', '/api/auth/login', undefined, DEMO_SME);
  if (login.status === 200) token = login.body.token;
  else {
    source = 'own data (demo sign-in failed)';
    const email = `bench-${randomBytes(4).toString('hex')}@example.test`;
    token = (
      await api(base, 'POST', '/api/auth/register', undefined, {
        email,
        password: 'bench password 1',
        name: 'Bench',
        role: 'sme',
      })
    ).body.token;
  }
  let firms = (await api(base, 'GET', '/api/smes?mine=true&limit=1', token)).body.items;
  if (firms.length === 0)
    firms = [(await api(base, 'POST', '/api/smes', token, smeInput({ name: 'Bench firm' }))).body];
  let lots = (await api(base, 'GET', '/api/lots?limit=1', token)).body.items;
  if (lots.length === 0) {
    source = 'own data (no demo lots)';
    const email = `bench-provider-${randomBytes(4).toString('hex')}@example.test`;
    const provider = (
      await api(base, 'POST', '/api/auth/register', undefined, {
        email,
        password: 'bench password 1',
        name: 'Bench',
        role: 'provider',
      })
    ).body.token;
    const { lotInput } = await import('../support/fixtures.ts');
    lots = [(await api(base, 'POST', '/api/lots', provider, lotInput())).body];
    for (let i = 0; i < 200; i++) {
      await api(
        base,
        'POST',
        '/api/smes',
        token,
        smeInput({
          name: `Bench firm ${i}`,
          location: { lat: 52.4 + (i % 20) * 0.01, lon: -1.95 + Math.floor(i / 20) * 0.01 },
        }),
      );
    }
  }
  const firm = firms[0];
  // The answer's read-only fields go; what remains is an SmeInput.
  const { id: _id, ownerId: _owner, createdAt: _c, updatedAt: _u, locationSource: _source, ...input } = firm;
  for (const cert of input.certifications) if (cert.reference === null) delete cert.reference;
  if (input.postcode === null) delete input.postcode;
  const totals = {
    smes: await countAll(base, token, '/api/smes'),
    lots: await countAll(base, token, '/api/lots'),
  };
  // Writers each edit their own firm, as owners do: one firm shared by every connection would only measure its row lock.
  const writerFirmIds: string[] = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    writerFirmIds.push((await api(base, 'POST', '/api/smes', token, { ...input, name: `Bench writer ${i}` })).body.id);
  }
  return {
    token,
    firmId: firm.id as string,
    firmInput: input,
    writerFirmIds,
    lotId: lots[0].id as string,
    source,
    totals,
  };
}

async function countAll(base: string, token: string, path: string) {
  let n = 0;
  let cursor: string | null = null;
  do {
    const page: any = (await api(base, 'GET', `${path}?limit=100${cursor ? `&cursor=${cursor}` : ''}`, token)).body;
    n += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
}

async function drive(url: string, options: { method?: 'GET' | 'PUT'; token: string; body?: string; paths?: string[] }) {
  let next = 0;
  const paths = options.paths;
  const result = await autocannon({
    url,
    method: options.method ?? 'GET',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
    ...(options.body ? { body: options.body } : {}),
    ...(paths
      ? { requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }] }
      : {}),
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Fastify answering `{ hello: 'world' }` from its own process, driven exactly as the routes are. */
function startHelloWorld() {
  return startServer({}, 120_000, [], {
    script: 'tests/bench/api/hello-world.ts',
    ready: /Hello world is running at (http:\/\/\S+)/,
  });
}

async function benchBackend(backend: 'pglite' | 'postgres'): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lepa-bench-'));
  const dbName = `lepa_bench_${randomBytes(5).toString('hex')}`;
  let databaseUrl = '';
  if (backend === 'postgres') {
    const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    await admin.end();
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const helloWorld = await startHelloWorld();
  const server = await startServer(
    { LEPA_DATA_DIR: dataDir, LEPA_DEMO_DATA: 'on', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    180_000,
  ).catch(async (error: unknown) => {
    await stopServer(helloWorld, 'SIGTERM');
    throw error;
  });
  try {
    const setup = await prepare(server.url);
    console.log(
      `${backend}: ${setup.totals.smes} firms, ${setup.totals.lots} lots (${setup.source}); ${CONNECTIONS} connections, ${SECONDS} s per route`,
    );
    const rows: Row[] = [];
    const near = '52.4862,-1.8904';
    const routes = [
      { route: 'GET /api/lots/:id', kind: 'read' as const, url: `${server.url}/api/lots/${setup.lotId}` },
      {
        route: 'GET /api/smes?skill&near&radiusKm',
        kind: 'read' as const,
        url: `${server.url}/api/smes?skill=loft-insulation&near=${near}&radiusKm=15`,
      },
      {
        route: `PUT /api/smes/:id (${setup.writerFirmIds.length} firms)`,
        kind: 'write' as const,
        url: `${server.url}/api/smes/${setup.firmId}`,
        method: 'PUT' as const,
        body: JSON.stringify(setup.firmInput),
        paths: setup.writerFirmIds.map((id) => `/api/smes/${id}`),
      },
    ];
    // Check every route answers 2xx before measuring it.
    for (const r of routes) {
      const check = await api(
        server.url,
        r.method ?? 'GET',
        r.url.slice(server.url.length),
        setup.token,
        r.body ? JSON.parse(r.body) : undefined,
      );
      if (check.status >= 300) throw new Error(`${r.route} answered ${check.status}: ${JSON.stringify(check.body)}`);
    }
    for (const r of routes) {
      const hello = await drive(helloWorld.url, { token: 'none' });
      rows.push({ backend, route: 'Fastify hello-world', kind: 'baseline', ...hello, helloRps: hello.rps });
      const result = await drive(r.url, {
        method: r.method,
        token: setup.token,
        body: r.body,
        paths: 'paths' in r ? r.paths : undefined,
      });
      rows.push({ backend, route: r.route, kind: r.kind, ...result, helloRps: hello.rps });
    }
    return rows;
  } finally {
    await stopServer(helloWorld, 'SIGTERM');
    await stopServer(server, 'SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
    if (backend === 'postgres') {
      const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  }
}

const rows: Row[] = [];
for (const backend of BACKENDS) rows.push(...(await benchBackend(backend)));

const header = ['backend', 'route', 'requests/s', 'vs hello-world', 'p99 ms', 'non-2xx', 'errors', 'target'];
const table = rows.map((r) => [
  r.backend,
  r.route,
  r.rps.toFixed(0),
  r.kind === 'baseline' ? '1' : `1/${(r.helloRps / r.rps).toFixed(1)} (${((100 * r.rps) / r.helloRps).toFixed(1)} %)`,
  String(r.p99),
  String(r.non2xx),
  String(r.errors),
  r.backend === 'postgres' && r.kind !== 'baseline'
    ? `${r.rps >= TARGETS[r.kind] ? 'met' : 'MISSED'} (>= ${TARGETS[r.kind]})`
    : '-',
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of table) console.log(line(row));
