/**
 * Programme allocation: at most one valid proposal per lot, no firm over
 * capacity across overlapping lots (columns.ts), ranked by a policy:
 * - cheapest: most lots covered, then least total cost;
 * - reach: as many lots as cheapest, cost ≤ (1 + tolerance) × cheapest's, then
 *   most distinct firms with work, then most local spend, then least cost.
 *
 * Method. Each lot's columns are all its valid proposals when valid-sets.ts
 * can list them within a small budget (then the lot is "exhaustive");
 * otherwise the engine's 20 cheapest proposals plus generated proposals that
 * spread work to firms without any (spread.ts). A feasible allocation comes
 * first (greedy.ts: lots in start order, each the cheapest proposal that fits
 * the room the capacity rule leaves, built from firms with room when no listed
 * one fits; then moves that cover more lots or cost less), and branch and
 * bound over the columns, seeded with it, improves it while time lasts: so
 * neither policy covers fewer lots than that greedy. The answer is
 * "optimal" only when every lot is exhaustive and the branch and bound ran to
 * the end; otherwise "bounded" with the gap to a proven bound: lots that
 * are not proven uncoverable (a lot the engine found nothing for in time
 * counts as coverable), each lot's cost lower bound, or the most firms the
 * reach budget can pay for.
 *
 * The time budget covers the whole answer: the per-lot engine solves take
 * their shares of it (a lot whose share is too small keeps only its proven
 * bound and is covered from firms with room), the search has the rest. Only
 * the baseline's solves and the greedy's first pass always run to the end.
 */
import type { MatchModel } from '../eligibility.ts';
import { solve, solveModel } from '../solve.ts';
import type { BookedUnits, EngineInput, Proposal } from '../types.ts';
import {
  addProposal,
  addSplit,
  buildProgrammeModel,
  workLowerBoundCents,
  type Column,
  type ProgrammeModel,
} from './columns.ts';
import { branchAndBound, better, acceptable, type SearchGoal } from './search.ts';
import { blockedByRule } from './blocked.ts';
import { withBookings } from './booked-model.ts';
import { byStartDate, greedyCheapest } from './greedy.ts';
import { addedMemberColumns, completeCover, spreadColumns, spreadWithinRoom } from './spread.ts';
import { canonicalSplit } from '../split.ts';
import { AllocationState, localShare, type Score } from './state.ts';
import type {
  AllocatedLot,
  AllocationOptions,
  AllocationResult,
  AllocationStatus,
  AllocationTotals,
  ProgrammeInput,
} from './types.ts';
import { enumerateValidSets } from './valid-sets.ts';

export const DEFAULT_ALLOCATION_BUDGET_MS = 5000;
export const DEFAULT_COST_TOLERANCE_PCT = 2;
/** a lot with at most this many valid proposals is listed in full */
const EXHAUSTIVE_SETS = 3000;
const EXHAUSTIVE_NODES = 40_000;
const ENGINE_K = 10;
/** most one engine solve (a lot's proposals, a baseline lot) may take */
export const PER_LOT_SOLVE_MS = 300;
/**
 * The time budget covers the whole answer: the lots' proposals are generated
 * until this share of it has passed, the baseline's solves until the next, and
 * the allocation search has what is left.
 */
const COLUMNS_SHARE = 0.35;
const BASELINE_SHARE = 0.55;
/** below this an engine solve finds nothing on large markets (eligibility and dominance come first), so none is started */
const LEAST_SOLVE_MS = 8;
/**
 * A baseline lot always gets this long: the baseline is a definition (each
 * lot's rank-1 proposal), not a search that may stop early.
 */
const LEAST_BASELINE_SOLVE_MS = 50;
/** rounds of new proposals and moves in the reach improvement: each can add a member to every lot */
const REACH_ROUNDS = 12;

interface LotFacts {
  /** proven: no valid proposal exists, or none ever fits the capacity rule */
  infeasible: boolean;
  /** proven lower bound on any valid proposal's cost, pennies */
  lowerCents: number;
  unmet: string;
  /** the lot's rank-1 proposal on the capacity left by bookings alone, when proven */
  rankOne: Column | null;
}

export function allocateProgramme(input: ProgrammeInput, options: AllocationOptions = {}): AllocationResult {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const policy = options.policy ?? 'reach';
  const tolerance = Math.max(0, options.costTolerancePct ?? DEFAULT_COST_TOLERANCE_PCT);
  const budgetMs = options.timeBudgetMs ?? DEFAULT_ALLOCATION_BUDGET_MS;
  const deadline = started + budgetMs;

  const programme = buildProgrammeModel(input);
  const columnsEnd = started + budgetMs * COLUMNS_SHARE;
  const facts = programme.lots.map((entry) => {
    // Each lot gets an even part of what is left of the columns' share.
    const lotsLeft = programme.lots.length - entry.index;
    return generateColumns(programme, entry.index, now, Math.min(PER_LOT_SOLVE_MS, (columnsEnd - now()) / lotsLeft));
  });
  const baselineChosen = baselineAward(
    programme,
    facts.map((fact) => fact.rankOne),
    now,
    started + budgetMs * BASELINE_SHARE,
  );
  const baseline = totalsOf(baselineChosen);
  for (const entry of programme.lots) {
    const awarded = baselineChosen[entry.index];
    if (awarded) addMembers(programme, entry.index, awarded.members);
    addMembers(programme, entry.index, completeCover(programme, entry.index, [], () => true) ?? []);
  }
  const searchStarted = now();
  const searchMs = Math.max(0, deadline - searchStarted);
  const until = (share: number) => {
    const at = searchStarted + searchMs * share;
    return () => now() >= at;
  };
  const outOfTime = () => now() >= deadline;
  let nodes = 0;

  // cheapest
  const cheapestGoal: SearchGoal = { policy: 'cheapest' };
  // For reach, the cheapest allocation is only the start: the improvement after it gets most of the search
  // (with less, large programmes stopped it after two of its rounds, with the cost budget unspent).
  const greedy = greedyCheapest(programme, until(policy === 'cheapest' ? 0.45 : 0.3));
  const cheapestSearch = branchAndBound(programme, cheapestGoal, greedy, until(policy === 'cheapest' ? 0.95 : 0.4));
  nodes += cheapestSearch.nodes;
  const cheapest = cheapestSearch.best ? { chosen: cheapestSearch.best, score: cheapestSearch.score! } : greedy;
  const exhaustive = programme.lots.every((entry) => entry.exhaustive);
  const possibleLots = facts.filter((fact) => !fact.infeasible).length;
  const cheapestLower =
    cheapest.score.covered === possibleLots
      ? facts.reduce((sum, fact, lot) => sum + (cheapest.chosen[lot] ? fact.lowerCents : 0), 0)
      : null;
  const cheapestProven = exhaustive && cheapestSearch.complete;

  let chosen = cheapest.chosen;
  let status: AllocationStatus;
  let gapPct: number | null;
  if (policy === 'cheapest') {
    ({ status, gapPct } = cheapestStatus(cheapestProven, cheapest.score, possibleLots, cheapestLower));
  } else {
    // The tolerance is taken on the cost of the cheapest answer (what policy=cheapest returns, the cheapest
    // allocation when proven): on a lower bound it left nothing to spend whenever the cost gap exceeded it.
    const baseCents = cheapest.score.cents;
    const goal: SearchGoal = {
      policy: 'reach',
      target: cheapest.score.covered,
      budgetCents: Math.floor(baseCents * (1 + tolerance / 100) + 1e-6),
    };
    const improved = improveReach(programme, goal, cheapest, until(exhaustive ? 0.6 : 0.95));
    const distinctBound = reachDistinctBound(programme, facts, goal.budgetCents!);
    // Where nothing can be proven optimal and no allocation can have more firms, the search would only chase
    // the tie-breaks among the listed proposals, and took small programmes' whole budget to do so.
    const reachSearch =
      !exhaustive && improved && improved.score.distinct >= distinctBound
        ? { best: null, score: null, complete: false, nodes: 0 }
        : branchAndBound(programme, goal, improved, outOfTime);
    nodes += reachSearch.nodes;
    const reach = reachSearch.best ? { chosen: reachSearch.best, score: reachSearch.score! } : improved;
    if (reach && acceptable(goal, reach.score)) {
      chosen = reach.chosen;
      const proven = exhaustive && cheapestProven && reachSearch.complete;
      if (proven) {
        status = 'optimal';
        gapPct = 0;
      } else if (cheapest.score.covered < possibleLots) {
        status = 'bounded';
        gapPct = percent(possibleLots - cheapest.score.covered, possibleLots);
      } else {
        status = 'bounded';
        gapPct = percent(Math.max(0, distinctBound - reach.score.distinct), distinctBound);
      }
    } else {
      // Nothing within the proven budget: the cheapest allocation found is the answer.
      ({ status, gapPct } = cheapestStatus(cheapestProven, cheapest.score, possibleLots, cheapestLower));
      if (status === 'optimal') status = 'bounded';
    }
  }

  const lots: AllocatedLot[] = programme.lots.map((entry, lot) => {
    const column = chosen[lot];
    if (column) return { lotId: entry.input.lot.id, covered: true, proposal: column.proposal };
    return {
      lotId: entry.input.lot.id,
      covered: false,
      unmet: facts[lot]!.infeasible
        ? facts[lot]!.unmet
        : 'Its possible consortia need firms whose capacity went to other lots of the programme.',
    };
  });
  return {
    status,
    gapPct,
    policy,
    costTolerancePct: tolerance,
    lots,
    totals: totalsOf(chosen),
    baseline,
    stats: {
      columns: programme.lots.reduce((sum, entry) => sum + entry.columns.length, 0),
      nodes,
      elapsedMs: now() - started,
      exhaustiveLots: programme.lots.filter((entry) => entry.exhaustive).length,
      baselineLotsOverCapacity: lotsOverCapacity(programme, baselineChosen),
      sequentialWithinCapacity: totalsOf(greedy.sequential),
    },
  };
}

/** Lots of an allocation that put some firm over a capacity row (the sequential baseline can). */
function lotsOverCapacity(programme: ProgrammeModel, chosen: readonly (Column | null)[]): number {
  const load: number[] = [];
  for (const column of chosen) {
    if (!column) continue;
    column.rows.forEach((row, index) => (load[row] = (load[row] ?? 0) + column.rowUnits[index]!));
  }
  return chosen.filter((column) => column?.rows.some((row) => load[row]! > programme.rowLimit[row]!)).length;
}

function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 10000) / 100 : 0;
}

function cheapestStatus(proven: boolean, score: Score, possibleLots: number, lowerCents: number | null) {
  if (proven) return { status: 'optimal' as const, gapPct: 0 };
  if (score.covered < possibleLots) {
    return { status: 'bounded' as const, gapPct: percent(possibleLots - score.covered, possibleLots) };
  }
  const gap = lowerCents === null ? 0 : Math.max(0, score.cents - lowerCents);
  return { status: 'bounded' as const, gapPct: percent(gap, score.cents) };
}

/** All valid proposals when few, else the engine's cheapest ones; and what is proven about the lot. */
function generateColumns(programme: ProgrammeModel, lot: number, now: () => number, budgetMs: number): LotFacts {
  const lotDeadline = now() + budgetMs;
  const outOfTime = () => now() >= lotDeadline;
  const entry = programme.lots[lot]!;
  const lowerBound = workLowerBoundCents(entry.model);
  const unknown: LotFacts = { infeasible: false, lowerCents: lowerBound, unmet: '', rankOne: null };
  if (!Number.isFinite(lowerBound)) {
    entry.exhaustive = true;
    return { infeasible: true, lowerCents: 0, unmet: describeUnmet(entry.input, now), rankOne: null };
  }
  const blocked = blockedByRule(programme, lot);
  if (blocked) {
    // No valid proposal of the lot ever fits, so it has none worth listing.
    entry.exhaustive = true;
    return { infeasible: true, lowerCents: 0, unmet: blocked, rankOne: null };
  }
  // Out of time the lot keeps its proven bound; the allocation covers it from firms with room (greedy.ts).
  if (budgetMs < LEAST_SOLVE_MS) return unknown;
  const listed = fewSubsets(entry.model)
    ? enumerateValidSets(entry.model, { maxSets: EXHAUSTIVE_SETS, maxNodes: EXHAUSTIVE_NODES, outOfTime })
    : { splits: [], complete: false, nodes: 0 };
  if (listed.complete) {
    entry.exhaustive = true;
    for (const split of listed.splits) addSplit(programme, lot, split);
    if (entry.columns.length === 0)
      return { infeasible: true, lowerCents: 0, unmet: describeUnmet(entry.input, now), rankOne: null };
    const rankOne = entry.columns.reduce((best, column) => (engineRank(column, best) < 0 ? column : best));
    return { infeasible: false, lowerCents: rankOne.cents, unmet: '', rankOne };
  }
  const result = solveModel(entry.input, entry.model, {
    k: ENGINE_K,
    timeBudgetMs: Math.max(0, lotDeadline - now()),
    now,
  });
  const columns = result.proposals.map((proposal) => addProposal(programme, lot, proposal));
  if (result.status === 'optimal') {
    if (!result.feasible) return { infeasible: true, lowerCents: 0, unmet: unmetText(result.unmet), rankOne: null };
    return {
      infeasible: false,
      lowerCents: Math.round(result.proposals[0]!.cost * 100),
      unmet: '',
      rankOne: columns[0]!,
    };
  }
  // Even when the engine found nothing in time, the lot counts as coverable and its cost bound holds: the gaps stay proven.
  return unknown;
}

/** DESIGN's proposal order: cost to the penny, then fewer members, then the sorted member ids. */
function engineRank(a: Column, b: Column): number {
  if (a.cents !== b.cents) return a.cents - b.cents;
  if (a.members.length !== b.members.length) return a.members.length - b.members.length;
  for (let index = 0; index < a.members.length; index++) {
    if (a.members[index] !== b.members[index]) return a.members[index]! < b.members[index]! ? -1 : 1;
  }
  return 0;
}

/** Whether listing every member set is cheap: Σ_{m ≤ maxMembers} C(candidates, m) stays small. */
function fewSubsets(model: ProgrammeModel['lots'][number]['model']): boolean {
  const n = model.firms.length;
  let total = 0;
  let term = 1;
  for (let size = 1; size <= model.lot.maxMembers && size <= n; size++) {
    term = (term * (n - size + 1)) / size;
    total += term;
    if (total > EXHAUSTIVE_NODES) return false;
  }
  return true;
}

/** The member set's canonical split as a column, when it is a valid proposal of the lot. */
function addMembers(programme: ProgrammeModel, lot: number, members: readonly (string | number)[]): void {
  const model = programme.lots[lot]!.model;
  const indices = members.map((member) =>
    typeof member === 'number' ? member : model.firms.findIndex((candidate) => candidate.firm.id === member),
  );
  if (indices.length === 0 || indices.includes(-1) || indices.length > model.lot.maxMembers) return;
  const outcome = canonicalSplit(model, indices);
  if (outcome.covered && outcome.idle.length === 0) addSplit(programme, lot, outcome.split);
}

function describeUnmet(input: EngineInput, now: () => number): string {
  return unmetText(solve(input, { k: 1, timeBudgetMs: 200, now }).unmet);
}

function unmetText(unmet: readonly { message: string }[]): string {
  return unmet.map((entry) => entry.message).join(' ') || 'No valid consortium was found for this lot.';
}

/**
 * From the cheapest allocation, repeatedly make the swap that adds distinct
 * firms most cheaply (or saves cost without losing any) within the budget;
 * between rounds, generate proposals that use firms still without work.
 */
function improveReach(
  programme: ProgrammeModel,
  goal: SearchGoal,
  start: { chosen: (Column | null)[]; score: Score },
  outOfTime: () => boolean,
) {
  const state = new AllocationState(programme);
  for (const column of start.chosen) if (column) state.place(column);
  const budget = goal.budgetCents!;
  for (let round = 0; round < REACH_ROUNDS && !outOfTime(); round++) {
    spreadColumns(programme, state, outOfTime);
    spreadWithinRoom(programme, state, outOfTime);
    addedMemberColumns(programme, state, outOfTime);
    let moved = false;
    // At least one search for moves after each spread, or spreading late in the budget would be wasted.
    for (let search = 0; ; search++) {
      if (search > 0 && outOfTime()) break;
      let bestMove: Column | null = null;
      let bestGain = 0;
      let bestDelta = 0;
      for (const entry of programme.lots) {
        const current = state.chosen[entry.index];
        if (!current) continue;
        state.withoutCurrentLoad(entry.index, () => {
          for (const column of entry.columns) {
            if (column === current) continue;
            const delta = column.cents - current.cents;
            if (state.cents + delta > budget) continue;
            const gain = state.distinctGain(column);
            if (gain < 0 || (gain === 0 && delta >= 0)) continue;
            if (!isBetterMove(gain, delta, bestGain, bestDelta, bestMove !== null)) continue;
            if (!state.fitsLoad(column)) continue;
            bestMove = column;
            bestGain = gain;
            bestDelta = delta;
          }
        });
      }
      if (!bestMove) break;
      state.place(bestMove);
      moved = true;
    }
    if (!moved && round > 0) break;
  }
  raiseLocalShare(programme, state, budget, outOfTime);
  const score = state.score();
  return acceptable(goal, score) ? { chosen: state.snapshot(), score } : start.score.cents <= budget ? start : null;
}

/** Moves that keep every firm with work and the budget and raise the local share of spend, best first. */
function raiseLocalShare(
  programme: ProgrammeModel,
  state: AllocationState,
  budget: number,
  outOfTime: () => boolean,
): void {
  for (;;) {
    if (outOfTime()) return;
    let bestMove: Column | null = null;
    let bestShare = localShare(state);
    for (const entry of programme.lots) {
      const current = state.chosen[entry.index];
      if (!current) continue;
      state.withoutCurrentLoad(entry.index, () => {
        for (const column of entry.columns) {
          if (column === current || state.cents + column.cents - current.cents > budget) continue;
          const contract = state.contractPennies - current.contractPennies + column.contractPennies;
          const share = contract > 0 ? (state.localPennies - current.localPennies + column.localPennies) / contract : 0;
          if (share <= bestShare + 1e-12 || state.distinctGain(column) < 0 || !state.fitsLoad(column)) continue;
          bestMove = column;
          bestShare = share;
        }
      });
    }
    if (!bestMove) return;
    state.place(bestMove);
  }
}

/** Firms gained per pound: moves that save money and lose nothing come first, then the cheapest gains. */
function isBetterMove(gain: number, delta: number, bestGain: number, bestDelta: number, haveBest: boolean): boolean {
  if (!haveBest) return true;
  const free = delta <= 0 && gain >= 0;
  const bestFree = bestDelta <= 0 && bestGain >= 0;
  if (free !== bestFree) return free;
  if (free) return gain > bestGain || (gain === bestGain && delta < bestDelta);
  return delta / gain < bestDelta / bestGain;
}

/**
 * Distinct firms no allocation within the budget can beat: each covered lot
 * L with m members costs at least W_L + coordination_L × m (W_L: its skills
 * filled cheapest first from all offers), at most maxMembers and its
 * candidate count; members are added where coordination is cheapest until
 * the budget is spent. Never more than the distinct candidates.
 */
function reachDistinctBound(programme: ProgrammeModel, facts: readonly LotFacts[], budgetCents: number): number {
  const lots = programme.lots.filter((_, lot) => !facts[lot]!.infeasible);
  const candidates = new Set<string>();
  let slack = budgetCents;
  const room: { coordinationCents: number; extra: number }[] = [];
  let members = 0;
  for (const entry of lots) {
    for (const candidate of entry.model.firms) candidates.add(candidate.firm.id);
    const coordinationCents = Math.round(entry.model.lot.coordinationCostPerMember * 100);
    const work = workLowerBoundCents(entry.model) - coordinationCents;
    const most = entry.exhaustive
      ? Math.max(...entry.columns.map((column) => column.members.length))
      : Math.min(entry.model.lot.maxMembers, entry.model.firms.length);
    slack -= work + coordinationCents;
    members += 1;
    room.push({ coordinationCents, extra: Math.max(0, most - 1) });
  }
  room.sort((a, b) => a.coordinationCents - b.coordinationCents);
  for (const lot of room) {
    if (slack <= 0) break;
    const affordable = lot.coordinationCents > 0 ? Math.floor(slack / lot.coordinationCents) : lot.extra;
    const taken = Math.min(lot.extra, affordable);
    members += taken;
    slack -= taken * lot.coordinationCents;
  }
  return Math.min(candidates.size, members);
}

/** Totals of an allocation: cost, lots covered, distinct firms, local and micro/small shares of contract value. */
export function totalsOf(chosen: readonly (Column | null)[]): AllocationTotals {
  let cents = 0;
  let covered = 0;
  let contract = 0;
  let local = 0;
  let microSmall = 0;
  const firms = new Set<string>();
  for (const column of chosen) {
    if (!column) continue;
    covered += 1;
    cents += column.cents;
    contract += column.contractPennies;
    local += column.localPennies;
    microSmall += column.microSmallPennies;
    for (const member of column.members) firms.add(member);
  }
  return {
    cost: cents / 100,
    lotsCovered: covered,
    distinctFirms: firms.size,
    localSpendPct: contract > 0 ? Math.round((local / contract) * 1000) / 10 : 0,
    microSmallSharePct: contract > 0 ? Math.round((microSmall / contract) * 1000) / 10 : 0,
  };
}

/**
 * Cheapest-first sequential award: lots in start-date order (ties by id), each
 * given its rank-1 proposal on the capacity earlier lots left (their units
 * count as bookings on every later lot whose window overlaps theirs).
 *
 * A lot whose proven rank-1 on the bookings alone (`rankOne`) keeps its split
 * under the earlier lots' units keeps it without a solve: bookings only take
 * capacity away, so no member set gets cheaper, and that proposal, unchanged,
 * is still first. Other lots are solved on the booked capacity, each an
 * even part of the time left before `end` (at least LEAST_BASELINE_SOLVE_MS).
 */
export function baselineAward(
  programme: ProgrammeModel,
  rankOne: readonly (Column | null)[],
  now: () => number,
  end: number,
): (Column | null)[] {
  const order = byStartDate(programme);
  const chosen: (Column | null)[] = programme.lots.map(() => null);
  order.forEach((lot, position) => {
    const entry = programme.lots[lot]!;
    const earlier = programme.overlaps[lot]!.flatMap((other) => (chosen[other] ? [chosen[other]] : []));
    const extra: BookedUnits[] = earlier.flatMap((column) => column.usage);
    const proven = rankOne[lot];
    if (proven && keepsItsSplit(entry.model, proven, extra)) {
      chosen[lot] = proven;
      return;
    }
    const lotsLeft = order.length - position;
    const result = solveModel(
      { ...entry.input, booked: [...entry.input.booked, ...extra] },
      withBookings(entry.model, extra),
      {
        k: 1,
        // The lot's first proposals on the bookings alone are a good start (invalid ones are dropped).
        incumbents: entry.columns.slice(0, ENGINE_K).map((column) => column.members),
        timeBudgetMs: Math.min(PER_LOT_SOLVE_MS, Math.max(LEAST_BASELINE_SOLVE_MS, (end - now()) / lotsLeft)),
        now,
      },
    );
    const proposal = result.proposals[0];
    if (proposal) chosen[lot] = columnOf(programme, lot, proposal);
  });
  return chosen;
}

/**
 * Whether the column's canonical split stands with `extra` units booked: every
 * member keeps at least the units it is given of each skill. A member given
 * less than its availability was the last one its skill's fill reached, so
 * it still is; one given all of it stands only when nothing of it is booked.
 */
function keepsItsSplit(model: MatchModel, column: Column, extra: readonly BookedUnits[]): boolean {
  if (extra.length === 0) return true;
  const members = new Set(column.members);
  const booked = new Map<string, number>();
  for (const use of extra) {
    if (!members.has(use.smeId)) continue;
    const key = `${use.smeId}\u0000${use.skill}`;
    booked.set(key, (booked.get(key) ?? 0) + use.units);
  }
  if (booked.size === 0) return true;
  const skillCount = model.skills.length;
  for (const use of column.usage) {
    const taken = booked.get(`${use.smeId}\u0000${use.skill}`) ?? 0;
    if (taken === 0) continue;
    const firm = model.firms.findIndex((candidate) => candidate.firm.id === use.smeId);
    const skill = model.skills.findIndex((entry) => entry.skill === use.skill);
    if (model.available[firm * skillCount + skill]! - taken < use.units) return false;
  }
  return true;
}

/** The column for a proposal without adding it to the lot's choices (the baseline's splits use reduced capacity). */
function columnOf(programme: ProgrammeModel, lot: number, proposal: Proposal): Column {
  const entry = programme.lots[lot]!;
  const saved = { columns: entry.columns, keys: entry.keys };
  entry.columns = [];
  entry.keys = new Set();
  const column = addProposal(programme, lot, proposal)!;
  entry.columns = saved.columns;
  entry.keys = saved.keys;
  return column;
}

export { better };
