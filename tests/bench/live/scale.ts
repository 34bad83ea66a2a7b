/**
 * bench:live --pg --instances 2 --workers N --clients 1000 [--quick]
 *
 * The matching service at regional scale on PostgreSQL, every part a real
 * process: web instances (LEPA_ROLE=web) and matching workers
 * (LEPA_ROLE=worker) spawned from server/src/main.ts. 10,000 firms and 500
 * open lots (the demo generator), 1,000 websocket clients × 5 lots spread
 * over the web instances. Prints, in one run: solves/s with 1 and 2 worker
 * processes; first snapshot on subscribe (by wave of 100 clients, and again
 * from new connections once the instances are warm); the everyday stream (any firm ±10%)
 * and the worst case (a shown member 3% cheaper), update → push; a sustained
 * stream of 10 changes/s and the queue's drain time after it; solves
 * skipped by the proven bound and by the heuristic; the web event-loop delay
 * while a 50,000-firm lot is solved; the CPU each streamed edit costs, by
 * process, beside how busy the cores were (what bounds the latency on a
 * saturated machine); and the old design (each web instance
 * runs the engine on its own event loop for every watched lot a change
 * touches) emulated in this process on the same changes.
 */
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { sql } from 'drizzle-orm';
import { openDatabase, lots as lotsTable, smes } from '@lepa/db';
import type { ProposalsAnswer, Sme } from '@lepa/shared';
import { solve } from '@lepa/engine';
import { generateDemoData } from '../../../server/src/demo/generate.ts';
import { loadDemoDataIfEmpty } from '../../../server/src/demo/load.ts';
import { Random } from '../../../server/src/demo/random.ts';
import { createLotStore } from '../../../server/src/lots/store.ts';
import { loadEngineInput } from '../../../server/src/matching/engine-input.ts';
import { enqueueLots, queuedJobs } from '../../../server/src/matching/job-queue.ts';
import { createTestDatabase } from '../../support/database.ts';
import { insertFirmsNear } from '../../support/bulk-firms.ts';
import { startServer, stopServer, type ServerProcess } from '../../support/server.ts';
import { ms, percentile } from './stats.ts';
import { cpuTally, readCpu } from './cpu.ts';

const { values: args } = parseArgs({
  options: {
    firms: { type: 'string', default: '10000' },
    lots: { type: 'string', default: '500' },
    clients: { type: 'string', default: '1000' },
    'lots-per-client': { type: 'string', default: '5' },
    instances: { type: 'string', default: '2' },
    workers: { type: 'string', default: '2' },
    updates: { type: 'string', default: '20' },
    'everyday-updates': { type: 'string', default: '60' },
    'sustained-seconds': { type: 'string', default: '60' },
    'big-lot-firms': { type: 'string', default: '50000' },
    /** Edits of each stream the old design is emulated on (it takes most of the bench's time). */
    'old-design-edits': { type: 'string' },
    quick: { type: 'boolean', default: false },
    pg: { type: 'boolean', default: true },
  },
});
const quick = args.quick;
const FIRMS = Number(args.firms);
const LOTS = Number(args.lots);
const CLIENTS = Number(args.clients);
const LOTS_PER_CLIENT = Number(args['lots-per-client']);
const INSTANCES = Number(args.instances);
const WORKERS = Number(args.workers);
const UPDATES = quick ? 8 : Number(args.updates);
const EVERYDAY = quick ? 20 : Number(args['everyday-updates']);
const SUSTAINED_S = quick ? 10 : Number(args['sustained-seconds']);
const BIG_LOT_FIRMS = Number(args['big-lot-firms']);
const OLD_DESIGN_EDITS = args['old-design-edits'] === undefined ? undefined : Number(args['old-design-edits']);

process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const testDatabase = await createTestDatabase();
const databaseUrl = testDatabase.databaseUrl!;
const database = await openDatabase({ databaseUrl, maxConnections: 4 });
const db = database.db;
const random = new Random(4242);
const processes: ServerProcess[] = [];
// A failed run must not leave its servers holding database connections.
process.on('exit', () => {
  for (const server of processes) server.child.kill('SIGKILL');
});
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;

console.log(
  `bench:live on PostgreSQL: ${FIRMS} firms, ${LOTS} lots, ${INSTANCES} web instances, ${WORKERS} workers, ${CLIENTS} clients × ${LOTS_PER_CLIENT} lots${quick ? ' (quick)' : ''}`,
);
const demo = generateDemoData({ seed: 99, smeCount: FIRMS, lotCount: LOTS });
await loadDemoDataIfEmpty(db, demo);
// The 50,000-firm lot's market, far from the demo region so it does not slow the other lots.
const farAway = { lat: 57.48, lon: -4.22 };
const bigOwner = demo.accounts.find((a) => a.role === 'sme')!;
const [bigOwnerRow] = (await db.execute(sql`select id from users where email = ${bigOwner.email}`)) as unknown as {
  id: string;
}[];
await insertFirmsNear(db, { ownerId: bigOwnerRow!.id, count: BIG_LOT_FIRMS, ...farAway, prefix: 'Highland Loft' });
console.log(`loaded the market (and ${BIG_LOT_FIRMS} firms for the big lot) at ${elapsed()}`);

const common = {
  DATABASE_URL: databaseUrl,
  LEPA_DEMO_DATA: 'off',
  LEPA_DIAGNOSTICS: 'on',
  LOG_LEVEL: 'warn',
  // Every simulated client and firm owner connects from 127.0.0.1.
  LEPA_WS_PER_ADDRESS: '100000',
  LEPA_WS_UNAUTHENTICATED: '100000',
  LEPA_LOGIN_ATTEMPTS_PER_ADDRESS: '100000',
};
const startWorker = async () => {
  const worker = await startServer({ ...common, LEPA_ROLE: 'worker' }, 120_000);
  processes.push(worker);
  return worker;
};
interface Diagnostics {
  matching: {
    solves: number;
    skippedProven: number;
    skippedHeuristic: number;
    full: number;
    merge: number;
    warm: number;
    batches: number;
    batchLots: number;
    jobs: number;
    jobWaitMs: number;
    engineMs: number;
    phaseMs: Record<string, number>;
  };
  /** The job-queue shards the worker owns (null on a web instance). */
  ownedShards: number[] | null;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}
const diagnostics = async (server: ServerProcess) =>
  (await (await fetch(`${server.url}/api/diagnostics`)).json()) as Diagnostics;

async function drained(limitMs = 600_000): Promise<number> {
  const from = performance.now();
  while (performance.now() - from < limitMs) {
    if ((await queuedJobs(db)) === 0) return performance.now() - from;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the queue did not drain');
}

const openLotIds = (
  await db
    .select({ id: lotsTable.id })
    .from(lotsTable)
    .where(sql`status = 'open'`)
).map((r) => r.id);

// Throughput: one worker solves every open lot (its start reconciles them all), then two on a cleared table.
const first = await startWorker();
let from = performance.now();
await new Promise((resolve) => setTimeout(resolve, 200));
await drained();
const oneWorkerRate = openLotIds.length / ((performance.now() - from) / 1000);
console.log(
  `1 worker: ${openLotIds.length} lots in ${ms(performance.now() - from)} (${oneWorkerRate.toFixed(1)} solves/s)`,
);
const second = await startWorker();
await db.execute(sql`delete from lot_answers`);
from = performance.now();
await enqueueLots(db, openLotIds, {});
await drained();
const twoWorkerRate = openLotIds.length / ((performance.now() - from) / 1000);
console.log(
  `2 workers: ${openLotIds.length} lots in ${ms(performance.now() - from)} (${twoWorkerRate.toFixed(1)} solves/s)`,
);
const workers = [first, second];
while (workers.length > WORKERS) await stopServer(workers.pop()!);
while (workers.length < WORKERS) workers.push(await startWorker());

const webs: ServerProcess[] = [];
for (let index = 0; index < INSTANCES; index++) {
  const web = await startServer({ ...common, LEPA_ROLE: 'web' }, 120_000);
  processes.push(web);
  webs.push(web);
}

async function api(method: string, path: string, token: string, body?: unknown) {
  const web = random.pick(webs);
  const response = await fetch(`${web.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<unknown>;
}
const tokens = new Map<string, string>();
async function login(email: string) {
  if (!tokens.has(email)) {
    const { token } = (await api('POST', '/api/auth/login', '', { email, password: demo.accounts[0]!.password }).catch(
      async () => {
        const response = await fetch(`${webs[0]!.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: demo.accounts[0]!.password }),
        });
        return response.json();
      },
    )) as { token?: string };
    if (!token) throw new Error(`could not sign in as ${email}`);
    tokens.set(email, token);
  }
  return tokens.get(email)!;
}
const providerToken = await login(demo.accounts.find((a) => a.role === 'provider')!.email);

// Clients: each on one web instance, subscribed to 5 lots; the time from subscribe to snapshot is the first-snapshot latency.
const latest = new Map<string, ProposalsAnswer>();
const pushes: { lotId: string; at: number }[] = [];
const watched = new Set<string>();
const CLIENTS_PER_WAVE = 100;

/**
 * Connects `CLIENTS` clients, a wave of 100 at a time, each subscribing to 5 lots; answers each
 * snapshot's latency by wave. Those of the first call keep listening for the streams below.
 */
async function connectClients(pickLots: Random): Promise<{ sockets: WebSocket[]; latenciesByWave: number[][] }> {
  const opened: WebSocket[] = [];
  const latenciesByWave: number[][] = [];
  for (let wave = 0; wave * CLIENTS_PER_WAVE < CLIENTS; wave++) {
    const latencies: number[] = [];
    latenciesByWave.push(latencies);
    const first = wave * CLIENTS_PER_WAVE;
    await Promise.all(
      Array.from({ length: Math.min(CLIENTS_PER_WAVE, CLIENTS - first) }, async (_, offset) => {
        const web = webs[(first + offset) % webs.length]!;
        const socket = new WebSocket(`${web.url.replace('http', 'ws')}/ws`, {
          headers: { authorization: `Bearer ${providerToken}` },
        });
        opened.push(socket);
        await new Promise<void>((resolve, reject) => {
          socket.once('open', () => resolve());
          socket.once('error', reject);
        });
        const mine = new Set<string>();
        while (mine.size < Math.min(LOTS_PER_CLIENT, openLotIds.length)) mine.add(pickLots.pick(openLotIds));
        const sentAt = new Map<string, number>();
        await new Promise<void>((resolve) => {
          socket.on('message', (raw) => {
            const message = JSON.parse(raw.toString()) as ProposalsAnswer & { type: string };
            if (message.type !== 'proposals') {
              if (message.type === 'error') console.log(`error frame: ${JSON.stringify(message)}`);
              return;
            }
            const now = performance.now();
            const known = latest.get(message.lotId);
            if (!known || known.version < message.version) latest.set(message.lotId, message);
            pushes.push({ lotId: message.lotId, at: now });
            const sent = sentAt.get(message.lotId);
            if (sent !== undefined) {
              latencies.push(now - sent);
              sentAt.delete(message.lotId);
              if (sentAt.size === 0) resolve();
            }
          });
          for (const lotId of mine) {
            watched.add(lotId);
            sentAt.set(lotId, performance.now());
            socket.send(JSON.stringify({ type: 'subscribe', lotId }));
          }
        });
      }),
    );
  }
  return { sockets: opened, latenciesByWave };
}

from = performance.now();
const { sockets, latenciesByWave } = await connectClients(random);
const snapshotLatencies = latenciesByWave.flat();
console.log(
  `${CLIENTS} clients on ${watched.size} distinct lots subscribed in ${ms(performance.now() - from)} (${elapsed()})`,
);
// The same again from new connections while the first stay: the web instances are warm and hold the lots' answers.
// Its own generator, so the streams below edit the same firms as without it.
const again = await connectClients(new Random(4243));
for (const socket of again.sockets) socket.close();
const warmSnapshotLatencies = again.latenciesByWave.flat();

async function editOf(smeId: string, change: (c: Sme['capabilities'][number]) => Sme['capabilities'][number]) {
  const sme = (await api('GET', `/api/smes/${smeId}`, providerToken)) as Sme;
  const account = demo.accounts.find((a) => a.key === demo.smes.find((s) => s.input.name === sme.name)?.ownerKey)!;
  const body = {
    name: sme.name,
    ...(sme.postcode ? { postcode: sme.postcode } : {}),
    location: sme.location,
    serviceRadiusKm: sme.serviceRadiusKm,
    employees: sme.employees,
    ownership: sme.ownership,
    capabilities: sme.capabilities.map(change),
    certifications: sme.certifications.map((c) => ({
      scheme: c.scheme,
      expires: c.expires,
      ...(c.reference ? { reference: c.reference } : {}),
    })),
    socialValue: sme.socialValue,
  };
  return { smeId, body, token: await login(account.email) };
}
const demoFirmIds = (
  await db
    .select({ id: smes.id })
    .from(smes)
    .where(sql`name not like 'Highland Loft %'`)
).map((r) => r.id);
const anyFirmRevises = () => {
  const factor = 1 + random.between(-0.1, 0.1);
  const onPrice = random.chance(0.5);
  return editOf(random.pick(demoFirmIds), (c) =>
    onPrice
      ? { ...c, unitPrice: Math.round(c.unitPrice * factor * 100) / 100 }
      : { ...c, capacityPerMonth: Math.max(1, Math.round(c.capacityPerMonth * factor)) },
  );
};
async function cheaperShownMember() {
  for (;;) {
    const lotId = random.pick([...watched]);
    const member = latest.get(lotId)?.proposals[0]?.members[0];
    if (!member) continue;
    return { lotId, ...(await editOf(member.smeId, (c) => ({ ...c, unitPrice: Math.round(c.unitPrice * 97) / 100 }))) };
  }
}

const revisions = async () =>
  new Map(
    (await db.select({ id: lotsTable.id, revision: lotsTable.revision }).from(lotsTable)).map((r) => [
      r.id,
      r.revision,
    ]),
  );
/** The old design: each web instance recomputes, one at a time on its event loop, every watched lot the change bumped. */
const oldLatencies: number[] = [];
const lotStore = createLotStore(db);
async function oldDesign(before: Map<string, number>) {
  const after = await revisions();
  const bumped = [...after]
    .filter(([id, revision]) => watched.has(id) && revision > (before.get(id) ?? 0))
    .map(([id]) => id);
  const inputs = [];
  for (const lotId of bumped) inputs.push(await loadEngineInput(db, (await lotStore.get(lotId))!));
  let clock = 0;
  for (const input of inputs) {
    const at = performance.now();
    solve(input, { k: 5 });
    clock += performance.now() - at;
    oldLatencies.push(clock);
  }
}

async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 20));
  await drained();
  let count = pushes.length;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (pushes.length === count) return;
    count = pushes.length;
  }
}

async function stream(
  count: number,
  next: () => Promise<{ smeId: string; body: unknown; token: string; lotId?: string }>,
  emulateOld: number,
) {
  const latencies: number[] = [];
  const targets: number[] = [];
  /** Per edit, update → the last lot's first push: how long the edit's work took end to end. */
  const lastPushes: number[] = [];
  const cpu = cpuTally();
  const processGroups = () => ({
    workers: workers.map((server) => server.child.pid!),
    web: webs.map((server) => server.child.pid!),
  });
  for (let index = 0; index < count; index++) {
    await settle();
    const update = await next();
    const before = index < emulateOld ? await revisions() : undefined;
    const mark = pushes.length;
    const cpuBefore = readCpu(processGroups());
    const sentAt = performance.now();
    await api('PUT', `/api/smes/${update.smeId}`, update.token, update.body);
    await settle();
    cpu.add(cpuBefore, readCpu(processGroups()));
    const firstPerLot = new Map<string, number>();
    for (const push of pushes.slice(mark))
      if (!firstPerLot.has(push.lotId)) firstPerLot.set(push.lotId, push.at - sentAt);
    latencies.push(...firstPerLot.values());
    if (firstPerLot.size > 0) lastPushes.push(Math.max(...firstPerLot.values()));
    if (update.lotId && firstPerLot.has(update.lotId)) targets.push(firstPerLot.get(update.lotId)!);
    if (before) await oldDesign(before);
  }
  return { latencies, targets, lastPushes, cpu };
}

const skipsBefore = await Promise.all(workers.map(diagnostics));
const everyday = await stream(EVERYDAY, anyFirmRevises, OLD_DESIGN_EDITS ?? (quick ? 3 : 5));
console.log(`everyday stream done at ${elapsed()}`);
const skipsBetween = await Promise.all(workers.map(diagnostics));
const worst = await stream(UPDATES, cheaperShownMember, OLD_DESIGN_EDITS ?? (quick ? 2 : 5));
const skipsAfter = await Promise.all(workers.map(diagnostics));
type Counter = Exclude<keyof Diagnostics['matching'], 'phaseMs'>;
const sum = (list: Diagnostics[], key: Counter) => list.reduce((n, d) => n + d.matching[key], 0);
const streamed = (key: Counter, from = skipsBefore, to = skipsAfter) => sum(to, key) - sum(from, key);
const phaseSpent = (phase: string, from: Diagnostics[], to: Diagnostics[]) =>
  to.reduce((n, d) => n + (d.matching.phaseMs[phase] ?? 0), 0) -
  from.reduce((n, d) => n + (d.matching.phaseMs[phase] ?? 0), 0);
/** Where one stream's time went in the workers: batches, jobs and their wait, and the batches' phases. */
const workerFigures = (label: string, from: Diagnostics[], to: Diagnostics[]) => {
  const batches = streamed('batches', from, to);
  const jobs = streamed('jobs', from, to);
  console.log(
    `| ${label}: batches / lots per batch / jobs / mean wait of a job in the queue | ${batches} / ${(streamed('batchLots', from, to) / Math.max(1, batches)).toFixed(1)} / ${jobs} / ${ms(streamed('jobWaitMs', from, to) / Math.max(1, jobs))} | |`,
  );
  console.log(
    `| ${label}: batch time by phase, summed over workers (read / settle / inputs / solver threads / store+announce); engine time inside the threads | ${['read', 'settle', 'input', 'solve', 'store'].map((phase) => ms(phaseSpent(phase, from, to))).join(' / ')}; ${ms(streamed('engineMs', from, to))} | |`,
  );
};
console.log(`streams done at ${elapsed()}`);

// Sustained: 10 changes a second, not waiting for pushes; then how long the queue takes to empty.
const sustainedEdits = [];
for (let index = 0; index < SUSTAINED_S * 10; index++) sustainedEdits.push(await anyFirmRevises());
let maxQueue = 0;
const sustainedFrom = performance.now();
const inFlight: Promise<unknown>[] = [];
for (let index = 0; index < sustainedEdits.length; index++) {
  const due = sustainedFrom + index * 100;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const edit = sustainedEdits[index]!;
  inFlight.push(api('PUT', `/api/smes/${edit.smeId}`, edit.token, edit.body));
  if (index % 10 === 0) maxQueue = Math.max(maxQueue, await queuedJobs(db));
}
await Promise.all(inFlight);
const drainMs = await drained();
console.log(`sustained stream done at ${elapsed()}`);

// The 50,000-firm lot: posted through one web instance, watched on the other, while the web event loops are measured.
const bigLotBody = {
  title: 'Highland loft lot',
  location: farAway,
  homes: 40,
  startDate: '2027-03-01',
  endDate: '2027-03-31',
  requirements: [{ skill: 'loft-insulation', quantity: 40 }],
};
await settle();
for (const web of webs) await fetch(`${web.url}/api/diagnostics/event-loop/reset`, { method: 'POST' });
const bigFrom = performance.now();
const bigLot = (await api('POST', '/api/lots', providerToken, bigLotBody)) as { id: string };
const bigAnswer = (await api('GET', `/api/lots/${bigLot.id}/proposals`, providerToken)) as ProposalsAnswer;
const bigMs = performance.now() - bigFrom;
const webLoops = await Promise.all(webs.map(diagnostics));
const bigInput = await loadEngineInput(db, (await lotStore.get(bigLot.id))!);
const inlineFrom = performance.now();
solve(bigInput, { k: 5 });
const inlineBigMs = performance.now() - inlineFrom;

const row = (label: string, samples: number[], target = '') =>
  console.log(
    `| ${label} | ${samples.length} | ${ms(percentile(samples, 50))} | ${ms(percentile(samples, 95))} | ${ms(percentile(samples, 99))} | ${target} |`,
  );
console.log('');
console.log('| measure | samples | p50 | p95 | p99 | target |');
console.log('| --- | --- | --- | --- | --- | --- |');
row('first snapshot on subscribe', snapshotLatencies, 'p95 ≤ 50 ms');
row('  of the first 100 clients (web instances just started)', latenciesByWave[0] ?? [], '');
row('  of the other clients', latenciesByWave.slice(1).flat(), '');
row('first snapshot, the same again from new connections (warm instances)', warmSnapshotLatencies, 'p95 ≤ 50 ms');
row('everyday stream (any firm ±10%), update → push, new design', everyday.latencies, 'p95 ≤ 100 ms');
row('worst case (shown member 3% cheaper), all pushes, new design', worst.latencies, 'p95 ≤ 250 ms');
row('worst case, the lot whose shown member changed, new design', worst.targets, '');
row('everyday stream, update → its last lot pushed (per edit)', everyday.lastPushes, '');
row('worst case, update → its last lot pushed (per edit)', worst.lastPushes, '');
row('old design (engine on each web event loop, every watched bumped lot), emulated', oldLatencies, '');
console.log('');
console.log(`| figure | value | target |`);
console.log(`| --- | --- | --- |`);
console.log(`| matching throughput, 1 worker process | ${oneWorkerRate.toFixed(1)} lot solves/s | |`);
console.log(
  `| matching throughput, 2 worker processes | ${twoWorkerRate.toFixed(1)} lot solves/s (${(twoWorkerRate / oneWorkerRate).toFixed(2)}×) | |`,
);
console.log(`| sustained ${SUSTAINED_S} s at 10 changes/s: largest queue seen | ${maxQueue} jobs | |`);
console.log(`| sustained: queue empty after the last change | ${ms(drainMs)} | ≤ 1000 ms |`);
console.log(
  `| streams: solves / skipped by the proven bound / skipped by the heuristic | ${streamed('solves')} / ${streamed('skippedProven')} / ${streamed('skippedHeuristic')} | |`,
);
console.log(
  `| job-queue shards owned at the end of the streams, per worker process | ${skipsAfter.map((d, index) => `worker ${index + 1}: ${d.ownedShards?.length ?? 0} (${(d.ownedShards ?? []).join(', ')})`).join('; ')} | |`,
);
workerFigures('everyday stream', skipsBefore, skipsBetween);
workerFigures('worst case', skipsBetween, skipsAfter);
console.log(everyday.cpu.row('everyday stream'));
console.log(worst.cpu.row('worst case'));
console.log(
  `| ${BIG_LOT_FIRMS}-firm lot: post → answer (feasible ${bigAnswer.feasible}) | ${ms(bigMs)}; the same solve inline: ${ms(inlineBigMs)} | |`,
);
console.log(
  `| web event-loop delay p99 / max during it | ${webLoops.map((d) => `${d.eventLoopDelayMs.p99} / ${d.eventLoopDelayMs.max} ms`).join('; ')} | p99 ≤ 20 ms |`,
);

for (const socket of sockets) socket.close();
for (const server of processes) await stopServer(server).catch(() => undefined);
await database.close();
await testDatabase.drop();
console.log(`bench finished in ${elapsed()}`);
