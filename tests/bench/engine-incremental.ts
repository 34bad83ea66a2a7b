/**
 * bench:engine:incremental — the engine's incremental update on the demo
 * market at scale: every lot is solved once, then random firm edits are
 * applied one at a time and every lot the edited firm can reach (before or
 * after) is brought up to date with `resolveAfterFirmChanges`. Prints the
 * share of those lot updates skipped by the heuristic, skipped by the proven
 * bound, merged, and fully re-solved, per kind of edit; and the engine time
 * of the incremental updates against a cold full solve of the same lots in
 * the same run (ratio). Each incremental answer is checked against that full
 * solve (proposals identical), so the bench also counts mismatches (must be 0).
 * The same updates are timed again with each lot's model kept across the
 * edits, as a solver thread keeps it (updateMatchModel, and the dominator
 * counts carried with it), and checked against the first; that time is
 * also printed per edit of each kind, with how many updates changed the
 * proposals (work a push needs) by how they were settled.
 *
 * `--kinds price,capacity` keeps the edits whose kind starts with one of those
 * words (the live bench's streams edit prices and capacities only).
 *
 *   pnpm bench:engine:incremental [--firms 10000] [--lots 500] [--edits 60] [--budget 2000] [--seed 99] [--kinds …]
 */
import { parseArgs } from 'node:util';
import {
  buildMatchModel,
  canReach,
  resolveAfterFirmChanges,
  solve,
  solveModel,
  updateMatchModel,
  type EngineFirm,
  type EngineInput,
  type EngineResult,
  type FirmChange,
  type MatchModel,
} from '@lepa/engine';
import { demoMarket } from './engine/demo-lots.ts';
import { ms, percentile } from './live/stats.ts';

const { values: args } = parseArgs({
  options: {
    firms: { type: 'string', default: '10000' },
    lots: { type: 'string', default: '500' },
    edits: { type: 'string', default: '60' },
    budget: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '99' },
    kinds: { type: 'string' },
  },
});

/** mulberry32: a small seeded generator, so runs are repeatable. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(Number(args.seed));
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

const options = { k: 5, timeBudgetMs: Number(args.budget) };
const { firmCount, inputs } = demoMarket({
  seed: Number(args.seed),
  firms: Number(args.firms),
  lots: Number(args.lots),
});
const lots: EngineInput[] = [...inputs];
const firmsById = new Map<string, EngineFirm>();
for (const input of lots) for (const firm of input.firms) firmsById.set(firm.id, firm);

const answers: EngineResult[] = [];
const initialStarted = performance.now();
for (const input of lots) answers.push(solve(input, options));
const initialMs = performance.now() - initialStarted;
/** Each lot's model as a solver thread keeps it: built and solved on once (what the engine derives from it is kept), then updated for each edited firm. */
const models: MatchModel[] = lots.map((input) => buildMatchModel(input));
for (const [index, model] of models.entries()) solveModel(lots[index]!, model, options);
/** Per lot, the firms edited since its kept model was last brought up to date. */
const pendingIds = lots.map(() => new Set<string>());

type EditKind =
  | 'price -3% (shown member)'
  | 'price -3%'
  | 'price +5%'
  | 'capacity ×2'
  | 'capacity ÷2'
  | 'certificate expired'
  | 'radius +10 km'
  | 'firm removed'
  | 'firm added';

function edit(kind: EditKind, firm: EngineFirm): EngineFirm | null {
  const capability = pick(firm.capabilities);
  const withCapability = (patch: Partial<typeof capability>): EngineFirm => ({
    ...firm,
    capabilities: firm.capabilities.map((other) => (other === capability ? { ...other, ...patch } : other)),
  });
  switch (kind) {
    case 'price -3% (shown member)':
    case 'price -3%':
      return withCapability({ unitPrice: Math.round(capability.unitPrice * 0.97 * 100) / 100 });
    case 'price +5%':
      return withCapability({ unitPrice: Math.round(capability.unitPrice * 1.05 * 100) / 100 });
    case 'capacity ×2':
      return withCapability({ capacityPerMonth: capability.capacityPerMonth * 2 });
    case 'capacity ÷2':
      return withCapability({ capacityPerMonth: Math.max(1, Math.floor(capability.capacityPerMonth / 2)) });
    case 'certificate expired':
      return firm.certifications.length === 0
        ? firm
        : {
            ...firm,
            certifications: firm.certifications.map((c, i) => (i === 0 ? { ...c, expires: '2020-01-01' } : c)),
          };
    case 'radius +10 km':
      return { ...firm, serviceRadiusKm: firm.serviceRadiusKm + 10 };
    case 'firm removed':
      return null;
    case 'firm added':
      return { ...firm, id: `${firm.id}-new`, name: `${firm.name} (new)` };
  }
}

const ALL_KINDS: EditKind[] = [
  'price -3% (shown member)',
  'price -3%',
  'price +5%',
  'capacity ×2',
  'capacity ÷2',
  'certificate expired',
  'radius +10 km',
  'firm removed',
  'firm added',
];
const kindsAsked = args.kinds?.split(',').map((word) => word.trim());
const KINDS = kindsAsked ? ALL_KINDS.filter((kind) => kindsAsked.some((word) => kind.startsWith(word))) : ALL_KINDS;
if (KINDS.length === 0) throw new Error(`--kinds ${args.kinds} names no edit kind (${ALL_KINDS.join(', ')})`);
const OUTCOMES = ['heuristic', 'proven-bound', 'merge', 'full'] as const;
type Outcome = (typeof OUTCOMES)[number];
const tally = new Map<EditKind | 'all', Record<Outcome, number>>();
const countOutcome = (kind: EditKind, outcome: Outcome) => {
  for (const key of [kind, 'all'] as const) {
    const row = tally.get(key) ?? { heuristic: 0, 'proven-bound': 0, merge: 0, full: 0 };
    row[outcome]++;
    tally.set(key, row);
  }
};
let incrementalMs = 0;
let fullMs = 0;
const incrementalTimes: number[] = [];
const fullTimes: number[] = [];
let mismatches = 0;
const timeByOutcome: Record<Outcome, number[]> = { heuristic: [], 'proven-bound': [], merge: [], full: [] };
const fullTimeByOutcome: Record<Outcome, number[]> = { heuristic: [], 'proven-bound': [], merge: [], full: [] };
/** Search nodes of the updated answers, against those of the full solves of the same lots. */
const nodesByOutcome: Record<Outcome, number> = { heuristic: 0, 'proven-bound': 0, merge: 0, full: 0 };
const fullNodesByOutcome: Record<Outcome, number> = { heuristic: 0, 'proven-bound': 0, merge: 0, full: 0 };
let lotUpdates = 0;
let keptModelMs = 0;
const keptModelTimes: number[] = [];
let keptModelDiffers = 0;
/** Per kind of edit: the edits made, and the kept-model engine time over every lot they reached. */
const editsByKind = new Map<EditKind, number>();
const keptMsByKind = new Map<EditKind, number>();
/** Lot updates whose proposals changed (members, order or pennies), by how they were settled. */
const changedByOutcome: Record<Outcome, number> = { heuristic: 0, 'proven-bound': 0, merge: 0, full: 0 };

const offersLotSkill = (input: EngineInput, firm: EngineFirm) =>
  firm.capabilities.some((c) => input.lot.requirements.some((r) => r.skill === c.skill));

const editCount = Number(args.edits);
for (let editIndex = 0; editIndex < editCount; editIndex++) {
  const kind = KINDS[editIndex % KINDS.length]!;
  editsByKind.set(kind, (editsByKind.get(kind) ?? 0) + 1);
  let before: EngineFirm;
  if (kind === 'price -3% (shown member)') {
    const shown = answers.flatMap((answer) => answer.proposals.flatMap((p) => p.members.map((m) => m.smeId)));
    before = firmsById.get(pick(shown))!;
  } else {
    before = pick([...firmsById.values()]);
  }
  const after = edit(kind, before);
  const changedId = kind === 'firm added' ? after!.id : before.id;
  const change: FirmChange = { firmId: changedId, before: kind === 'firm added' ? null : before };
  if (kind === 'firm added') firmsById.set(after!.id, after!);
  else if (after) firmsById.set(before.id, after);
  else firmsById.delete(before.id);

  lots.forEach((input, lotIndex) => {
    const had = input.firms.some((firm) => firm.id === changedId);
    const reaches = after !== null && offersLotSkill(input, after) && canReach(input.lot, after);
    if (!had && !reaches) return; // outside the lot's region: the server's pre-filter never asks the engine
    const others = input.firms.filter((firm) => firm.id !== changedId);
    const updated: EngineInput = { ...input, firms: reaches ? [...others, after!] : others };
    lots[lotIndex] = updated;
    lotUpdates++;

    let started = performance.now();
    const outcome = resolveAfterFirmChanges(updated, answers[lotIndex]!, [change], options);
    const incremental = performance.now() - started;
    started = performance.now();
    const fromScratch = solve(updated, options);
    const full = performance.now() - started;
    incrementalMs += incremental;
    fullMs += full;
    incrementalTimes.push(incremental);
    fullTimes.push(full);

    // The same update on the lot's kept model, brought up to date for the firms edited since when the engine
    // asks for it (as a solver thread does: a lot the engine settles without its model leaves it as it was).
    const pending = pendingIds[lotIndex]!.add(changedId);
    started = performance.now();
    let keptModel: MatchModel | undefined;
    const modelNow = () =>
      (keptModel ??= updateMatchModel(models[lotIndex]!, updated, pending) ?? buildMatchModel(updated));
    const onKeptModel = resolveAfterFirmChanges(updated, answers[lotIndex]!, [change], options, modelNow);
    const keptMs = performance.now() - started;
    keptModelMs += keptMs;
    keptModelTimes.push(keptMs);
    keptMsByKind.set(kind, (keptMsByKind.get(kind) ?? 0) + keptMs);
    if (keptModel) {
      models[lotIndex] = keptModel;
      pending.clear();
    }
    if (
      onKeptModel.kind !== outcome.kind ||
      (onKeptModel.kind === 'updated' &&
        outcome.kind === 'updated' &&
        JSON.stringify(onKeptModel.result.proposals) !== JSON.stringify(outcome.result.proposals))
    )
      keptModelDiffers++;

    const answer = outcome.kind === 'unchanged' ? answers[lotIndex]! : outcome.result;
    const label = outcome.kind === 'unchanged' ? outcome.reason : outcome.method;
    countOutcome(kind, label);
    timeByOutcome[label].push(incremental);
    fullTimeByOutcome[label].push(full);
    if (outcome.kind === 'updated') nodesByOutcome[label] += outcome.result.stats.nodes;
    fullNodesByOutcome[label] += fromScratch.stats.nodes;
    const same =
      JSON.stringify([answer.proposals, answer.unmet]) === JSON.stringify([fromScratch.proposals, fromScratch.unmet]);
    if (JSON.stringify(answer.proposals) !== JSON.stringify(answers[lotIndex]!.proposals)) changedByOutcome[label]++;
    if (!same && answer.status === 'optimal' && fromScratch.status === 'optimal') mismatches++;
    answers[lotIndex] = answer;
  });
}

const share = (row: Record<Outcome, number>) => {
  const total = OUTCOMES.reduce((sum, outcome) => sum + row[outcome], 0);
  return `${String(total).padStart(5)} lot updates: ${OUTCOMES.map(
    (outcome) => `${outcome} ${((100 * row[outcome]) / Math.max(1, total)).toFixed(1)}%`,
  ).join(', ')}`;
};
console.log(
  `incremental engine on the demo market: ${firmCount} firms, ${lots.length} lots, top-5, ${editCount} firm edits, budget ${args.budget} ms`,
);
console.log(`initial full solve of every lot: ${ms(initialMs)}`);
for (const kind of [...KINDS, 'all' as const]) {
  const row = tally.get(kind);
  if (row) console.log(`${kind.padEnd(26)} ${share(row)}`);
}
console.log(
  `engine time over ${lotUpdates} lot updates: incremental ${ms(incrementalMs)} vs full solve ${ms(fullMs)} ` +
    `(ratio ${(incrementalMs / fullMs).toFixed(3)}); per lot p50 ${ms(percentile(incrementalTimes, 50))} vs ${ms(percentile(fullTimes, 50))}, ` +
    `p95 ${ms(percentile(incrementalTimes, 95))} vs ${ms(percentile(fullTimes, 95))}`,
);
for (const outcome of OUTCOMES) {
  const times = timeByOutcome[outcome];
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  if (times.length > 0)
    console.log(
      `${outcome.padEnd(13)} incremental p50 ${ms(percentile(times, 50))} p95 ${ms(percentile(times, 95))}, ` +
        `total ${ms(sum(times))} vs full solve of the same lots ${ms(sum(fullTimeByOutcome[outcome]))} ` +
        `(ratio ${(sum(times) / Math.max(1e-9, sum(fullTimeByOutcome[outcome]))).toFixed(3)})` +
        (outcome === 'merge' || outcome === 'full'
          ? `; search nodes ${nodesByOutcome[outcome]} vs ${fullNodesByOutcome[outcome]}`
          : ''),
    );
}
console.log(
  `with each lot's model kept across the edits (as a solver thread keeps it): ${ms(keptModelMs)} ` +
    `(ratio to the full solves ${(keptModelMs / fullMs).toFixed(3)}, to the incremental updates above ${(keptModelMs / incrementalMs).toFixed(3)}); ` +
    `per lot p50 ${ms(percentile(keptModelTimes, 50))}, p95 ${ms(percentile(keptModelTimes, 95))}; ` +
    `outcomes differing from the updates above: ${keptModelDiffers}`,
);
console.log(`answers differing from a full solve (both optimal): ${mismatches}`);
for (const [kind, total] of keptMsByKind)
  console.log(
    `${kind.padEnd(26)} engine time per edit, models kept, every lot it reached: ${ms(total / editsByKind.get(kind)!)}`,
  );
console.log(
  `lot updates whose proposals changed: ${OUTCOMES.map((outcome) => `${outcome} ${changedByOutcome[outcome]}`).join(', ')}`,
);
