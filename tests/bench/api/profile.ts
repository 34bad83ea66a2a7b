/** Profiles the server under one route: `npx tsx --conditions=lepa-source tests/bench/api/profile.ts put|get`; CPU profiles land in /tmp/prof. */
import autocannon from 'autocannon';
import postgres from 'postgres';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, stopServer } from '../../support/server.ts';
const route = process.argv[2] ?? 'put';
const CONNECTIONS = 16;
const admin = postgres('postgres://postgres@127.0.0.1:5432/postgres', { max: 1, onnotice: () => {} });
const name = `lepa_bench_prof${Date.now()}`;
await admin.unsafe(`create database ${name}`);
const server = await startServer(
  {
    LEPA_DATA_DIR: mkdtempSync(join(tmpdir(), 'p-')),
    LEPA_DEMO_DATA: 'on',
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${name}`,
    LOG_LEVEL: 'warn',
  },
  180000,
  ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'],
);
const login = await (
  await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'sme2@demo.lepa.test', password: 'lepa-demo-2027' }),
  })
).json();
const token = login.token;
const h = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const firm = (await (await fetch(`${server.url}/api/smes?mine=true`, { headers: h })).json()).items[0];
const lot = (await (await fetch(`${server.url}/api/lots?limit=1`, { headers: h })).json()).items[0];
const { id, ownerId, createdAt, updatedAt, locationSource, ...input } = firm;
for (const c of input.certifications) if (c.reference === null) delete c.reference;
if (input.postcode === null) delete input.postcode;
// Writers each edit their own firm, as bench:api's do.
const writers: string[] = [];
for (let i = 0; i < CONNECTIONS; i++) {
  const created = await fetch(`${server.url}/api/smes`, {
    method: 'POST',
    headers: h,
    body: JSON.stringify({ ...input, name: `Profile writer ${i}` }),
  });
  writers.push(((await created.json()) as { id: string }).id);
}
let next = 0;
const opts: any =
  route === 'put'
    ? {
        url: `${server.url}/api/smes/${writers[0]}`,
        method: 'PUT',
        body: JSON.stringify(input),
        requests: [
          { setupRequest: (request: any) => ({ ...request, path: `/api/smes/${writers[next++ % CONNECTIONS]}` }) },
        ],
      }
    : { url: `${server.url}/api/lots/${lot.id}` };
const r = await autocannon({ ...opts, headers: h, connections: CONNECTIONS, duration: 6 });
console.log(route, r.requests.average, r.latency.p99, r.non2xx);
await stopServer(server);
await admin.unsafe(`drop database ${name} with (force)`);
await admin.end();
