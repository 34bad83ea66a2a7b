/**
 * bench:live — update-to-push latency of the live board.
 *
 * 10,000 firms and 500 open lots (the demo generator at scale), 200 websocket
 * clients each subscribed to 5 lots, then a stream of firm updates: each one
 * cuts the unit price of a member of some watched lot's best proposal, so at
 * least that lot's answer must change (the worst case), and a stream of
 * everyday edits (any firm revises prices or capacity up or down). Latency is
 * measured from sending the PUT to each proposals push it causes. The baseline, in the same run and on
 * the same data, recomputes every open lot per change (what a board without
 * incremental re-matching would have to do before it could push).
 *
 *   pnpm bench:live [--everyday-updates 80] [--updates 20] [--baseline-updates 1] [--pg]
 */
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { buildApp } from '@lepa/server';
import { smes } from '@lepa/db';
import type { ProposalsAnswer, Sme } from '@lepa/shared';
import { generateDemoData } from '../../server/src/demo/generate.ts';
import { loadDemoDataIfEmpty } from '../../server/src/demo/load.ts';
import { Random } from '../../server/src/demo/random.ts';
import { createTestDatabase } from '../support/database.ts';
import { ms, percentile } from './live/stats.ts';
import { solve } from '@lepa/engine';
import { createLotStore } from '../../server/src/lots/store.ts';
import { loadEngineInput } from '../../server/src/matching/engine-input.ts';

if (process.argv.includes('--instances')) {
  // Web and worker processes on PostgreSQL: its own script.
  await import('./live/scale.ts');
  process.exit(0);
}

const { values: args } = parseArgs({
  options: {
    firms: { type: 'string', default: '10000' },
    lots: { type: 'string', default: '500' },
    clients: { type: 'string', default: '200' },
    'lots-per-client': { type: 'string', default: '5' },
    updates: { type: 'string', default: '20' },
    'everyday-updates': { type: 'string', default: '80' },
    'baseline-updates': { type: 'string', default: '1' },
    pg: { type: 'boolean', default: false },
  },
});
const FIRMS = Number(args.firms);
const LOTS = Number(args.lots);
const CLIENTS = Number(args.clients);
const LOTS_PER_CLIENT = Number(args['lots-per-client']);
const UPDATES = Number(args.updates);
const EVERYDAY_UPDATES = Number(args['everyday-updates']);
const BASELINE_UPDATES = Number(args['baseline-updates']);

const random = new Random(4242);
const lotStore = () => createLotStore(app.database.db);
if (args.pg) process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const database = await createTestDatabase();
const app = await buildApp({
  databaseUrl: database.databaseUrl,
  dataDir: database.dataDir,
  authAttemptsPerMinute: 1_000_000,
  // Every simulated client connects from 127.0.0.1.
  limits: { socketsPerAddress: 1_000_000 },
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });

console.log(
  `bench:live on ${app.database.kind}: ${FIRMS} firms, ${LOTS} lots, ${CLIENTS} clients × ${LOTS_PER_CLIENT} lots`,
);
let started = performance.now();
const demo = generateDemoData({ seed: 99, smeCount: FIRMS, lotCount: LOTS });
await loadDemoDataIfEmpty(app.database.db, demo);
console.log(`loaded the market in ${ms(performance.now() - started)}`);

async function login(email: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: demo.accounts[0]!.password },
  });
  return (response.json() as { token: string }).token;
}
const providerToken = await login(demo.accounts.find((a) => a.role === 'provider')!.email);
const lotIds: string[] = [];
for (let cursor: string | null = null, first = true; first || cursor; first = false) {
  const response = await app.inject({
    method: 'GET',
    url: `/api/lots?status=open&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    headers: { authorization: `Bearer ${providerToken}` },
  });
  const page = response.json() as { items: { id: string }[]; nextCursor: string | null };
  lotIds.push(...page.items.map((l) => l.id));
  cursor = page.nextCursor;
}

/** The latest answer any client holds per lot, and every push with its arrival time. */
const latest = new Map<string, ProposalsAnswer>();
const pushes: { lotId: string; version: number; at: number }[] = [];
const wsUrl = `${address.replace('http', 'ws')}/ws`;
const subscribed = new Set<string>();

started = performance.now();
const sockets: WebSocket[] = [];
await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    const socket = new WebSocket(wsUrl, { headers: { authorization: `Bearer ${providerToken}` } });
    sockets.push(socket);
    const mine = new Set<string>();
    while (mine.size < Math.min(LOTS_PER_CLIENT, lotIds.length)) mine.add(random.pick(lotIds));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    let snapshots = 0;
    await new Promise<void>((resolve) => {
      socket.on('message', (raw) => {
        const message = JSON.parse(raw.toString()) as ProposalsAnswer & { type: string };
        if (message.type !== 'proposals') return;
        const known = latest.get(message.lotId);
        if (!known || known.version < message.version) latest.set(message.lotId, message);
        pushes.push({ lotId: message.lotId, version: message.version, at: performance.now() });
        snapshots += 1;
        if (snapshots === mine.size) resolve();
      });
      for (const lotId of mine) {
        subscribed.add(lotId);
        socket.send(JSON.stringify({ type: 'subscribe', lotId }));
      }
    });
  }),
);
console.log(
  `${CLIENTS} clients subscribed to ${subscribed.size} distinct lots; first snapshots in ${ms(performance.now() - started)}`,
);

const ownerTokens = new Map<string, string>();
async function tokenForOwnerOf(sme: Sme) {
  const account = demo.accounts.find((a) => a.key === demo.smes.find((s) => s.input.name === sme.name)?.ownerKey)!;
  if (!ownerTokens.has(account.email)) ownerTokens.set(account.email, await login(account.email));
  return ownerTokens.get(account.email)!;
}

interface Update {
  smeId: string;
  /** The lot whose push is certain, when the stream knows one. */
  lotId?: string;
  body: unknown;
  token: string;
}

async function editOf(smeId: string, change: (capability: Sme['capabilities'][number]) => Sme['capabilities'][number]) {
  const sme = (
    await app.inject({
      method: 'GET',
      url: `/api/smes/${smeId}`,
      headers: { authorization: `Bearer ${providerToken}` },
    })
  ).json() as Sme;
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
  return { body, token: await tokenForOwnerOf(sme) };
}

/** Worst case: cuts 3% off the unit prices of a rank-1 member of a watched lot, so that lot must change. */
async function cheaperMemberOfWatchedLot(): Promise<Update> {
  for (;;) {
    const lotId = random.pick([...subscribed]);
    const member = latest.get(lotId)?.proposals[0]?.members[0];
    if (!member) continue;
    const edit = await editOf(member.smeId, (c) => ({ ...c, unitPrice: Math.round(c.unitPrice * 97) / 100 }));
    return { smeId: member.smeId, lotId, ...edit };
  }
}

const allFirmIds = (await app.database.db.select({ id: smes.id }).from(smes)).map((row) => row.id);
/** Everyday traffic: any firm revises its prices or capacity, up or down by up to 10%. */
async function anyFirmRevises(): Promise<Update> {
  const smeId = random.pick(allFirmIds);
  const factor = 1 + random.between(-0.1, 0.1);
  const onPrice = random.chance(0.5);
  const edit = await editOf(smeId, (c) =>
    onPrice
      ? { ...c, unitPrice: Math.round(c.unitPrice * factor * 100) / 100 }
      : { ...c, capacityPerMonth: Math.max(1, Math.round(c.capacityPerMonth * factor)) },
  );
  return { smeId, ...edit };
}

/** Waits until the hub has had nothing to recompute for a while (broadcasts arrive asynchronously). */
async function settle(quietMs = 100, limitMs = 60_000) {
  const deadline = performance.now() + limitMs;
  let quietSince = performance.now();
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if ((await app.matching.pending()) > 0) quietSince = performance.now();
    else if (performance.now() - quietSince >= quietMs) return;
  }
}

/** Waits for a push of this lot after the given point in the push log. */
async function pushFor(lotId: string, after: number, limitMs = 60_000) {
  const deadline = performance.now() + limitMs;
  while (performance.now() < deadline) {
    if (pushes.slice(after).some((push) => push.lotId === lotId)) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const answer = latest.get(lotId);
  throw new Error(
    `no push for lot ${lotId} within ${limitMs} ms (last answer: version ${answer?.version}, status ${answer?.status})`,
  );
}

/** Sends the updates one at a time and measures, per update, the delay to each lot's first push. */
async function runStream(count: number, next: () => Promise<Update>) {
  await settle();
  const latencies: number[] = [];
  const targetLatencies: number[] = [];
  const recomputesBefore = app.matching.stats.solves;
  for (let index = 0; index < count; index++) {
    const update = await next();
    const pushesBefore = pushes.length;
    const sentAt = performance.now();
    const response = await app.inject({
      method: 'PUT',
      url: `/api/smes/${update.smeId}`,
      headers: { authorization: `Bearer ${update.token}` },
      payload: update.body as object,
    });
    if (response.statusCode !== 200) throw new Error(`update failed: ${response.statusCode} ${response.body}`);
    if (update.lotId) await pushFor(update.lotId, pushesBefore);
    await settle();
    const firstPerLot = new Map<string, number>();
    for (const push of pushes.slice(pushesBefore))
      if (!firstPerLot.has(push.lotId)) firstPerLot.set(push.lotId, push.at - sentAt);
    latencies.push(...firstPerLot.values());
    if (update.lotId) targetLatencies.push(firstPerLot.get(update.lotId)!);
  }
  return { latencies, targetLatencies, recomputes: app.matching.stats.solves - recomputesBefore };
}

const everyday = await runStream(EVERYDAY_UPDATES, anyFirmRevises);
const worstCase = await runStream(UPDATES, cheaperMemberOfWatchedLot);

// Baseline: every open lot recomputed per change (cache dropped), in the same process on the same data.
const baselineLatencies: number[] = [];
for (let index = 0; index < BASELINE_UPDATES; index++) {
  const update = await cheaperMemberOfWatchedLot();
  await app.inject({
    method: 'PUT',
    url: `/api/smes/${update.smeId}`,
    headers: { authorization: `Bearer ${update.token}` },
    payload: update.body as object,
  });
  await settle();
  const recomputeStart = performance.now();
  for (const lotId of lotIds) {
    const lot = (await lotStore().get(lotId))!;
    solve(await loadEngineInput(app.database.db, lot), { k: 5 });
  }
  baselineLatencies.push(performance.now() - recomputeStart);
}

const row = (label: string, changes: number | string, recomputes: number | string, samples: number[]) =>
  console.log(
    `| ${label} | ${changes} | ${recomputes} | ${samples.length} | ${ms(percentile(samples, 50))} | ${ms(percentile(samples, 95))} | ${ms(percentile(samples, 99))} |`,
  );
console.log('');
console.log('| stream and strategy | changes | recomputes | pushes measured | p50 | p95 | p99 |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
row(
  'everyday (any firm ±10% price or capacity), incremental',
  EVERYDAY_UPDATES,
  everyday.recomputes,
  everyday.latencies,
);
row('worst case (best member 3% cheaper), incremental, all pushes', UPDATES, worstCase.recomputes, worstCase.latencies);
row('worst case, the lot whose best member changed', UPDATES, '', worstCase.targetLatencies);
row(
  `baseline: recompute all ${lotIds.length} open lots per change`,
  BASELINE_UPDATES,
  BASELINE_UPDATES * lotIds.length,
  baselineLatencies,
);

for (const socket of sockets) socket.close();
await app.close();
await database.drop();
