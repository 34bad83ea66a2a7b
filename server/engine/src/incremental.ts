/**
 * Keeping a lot's answer up to date when firms change, without a full solve
 * where one is provably not needed.
 *
 * Let U be the valid member sets before the changes and U' after, and K the
 * previous k-th proposal (its key: pennies, member count, sorted ids). Per
 * changed firm, compare its offers for the lot (eligibility.ts) before and
 * after: it *improved* when some offer is new, cheaper or has more free
 * units; it *worsened* when some offer is gone, dearer or has fewer units.
 *  - A set with no changed firm keeps its split and cost. A set whose
 *    changed firms only worsened costs at least as much as before (the
 *    cheapest split is monotone in costs and capacities) or stands for a
 *    smaller set (a worse firm is idle where it was idle), so it ranks no
 *    earlier than before: after K, unless it was shown.
 *  - So when no shown member worsened, every set of U' that ranks before K
 *    and contains no improved firm is a shown proposal (re-costed: same
 *    cost), and the others contain an improved firm f: they are among the
 *    best sets containing f within K's pennies (a search with f forced in,
 *    search.ts, whose root bound alone usually proves there are none; it
 *    cuts against the k-th of those sets and the valid sets already known
 *    together, since a set with f ranking after k known sets is not needed).
 *    Merging those with the kept proposals gives the new top k, when k of
 *    them rank no later than K; otherwise unseen sets might, and a full
 *    solve (warm-started with the merged sets) answers.
 *  - With fewer than k proposals before, U held no other valid set, and
 *    the same merge is exact with no limit.
 *  - A shown member that worsened or left may let sets the previous answer
 *    never ranked move up: the shown sets re-costed when they provably stay
 *    the top k (keptAfterWorsening), else a full solve, warm-started.
 * Infeasible lots are recomputed (the diagnosis reads firms out of reach
 * too), and so is a previous answer that timed out.
 */
import { toPennies, type Skill } from '@lepa/shared';
import {
  bookedUnitsByFirm,
  buildMatchModel,
  compareIds,
  offerRules,
  positionsOf,
  type MatchModel,
  type OfferRules,
} from './eligibility.ts';
import { dominatedByRivals, dominatedFirms, isDominated, isDominatedIn } from './dominance.ts';
import { searchTopK, compareFound, type FoundSet } from './search.ts';
import { canonicalSplit } from './split.ts';
import { clampK, proposalsOf, solveModel, validSets } from './solve.ts';
import { compareOffers, firmOffers, offersUnder, type FirmOffer } from './reach.ts';
import type { BookedUnits, EngineFirm, EngineInput, EngineOptions, EngineResult, Proposal } from './types.ts';

/**
 * One firm's change since `previous` was computed: `before` is the firm as
 * it was (null when it was added); after it is the firm in `input.firms`
 * (absent when removed). `bookedBefore`, when given, is the firm's bookings
 * for this lot's window as they were (a booking or a withdrawal changes a
 * firm's free units); when omitted its bookings are taken to be unchanged.
 */
export interface FirmChange {
  firmId: string;
  before: EngineFirm | null;
  bookedBefore?: readonly BookedUnits[];
}

export type IncrementalOutcome =
  /** a full solve would give the identical answer (proposals, order, pennies, unmet) */
  | { kind: 'unchanged'; reason: 'heuristic' | 'proven-bound' }
  | { kind: 'updated'; result: EngineResult; method: 'merge' | 'full' };

/** More improved firms than this and a full solve is likely cheaper than one forced search each. */
const MAX_FORCED_SEARCHES = 4;

interface Key {
  cents: number;
  /** member ids in ascending order */
  ids: string[];
}

function compareKeys(a: Key, b: Key): number {
  if (a.cents !== b.cents) return a.cents - b.cents;
  if (a.ids.length !== b.ids.length) return a.ids.length - b.ids.length;
  for (let index = 0; index < a.ids.length; index++) {
    const difference = compareIds(a.ids[index]!, b.ids[index]!);
    if (difference !== 0) return difference;
  }
  return 0;
}

function proposalKey(proposal: Proposal): Key {
  return { cents: toPennies(proposal.cost), ids: proposal.members.map((member) => member.smeId).sort(compareIds) };
}

function foundKey(model: MatchModel, set: FoundSet): Key {
  return { cents: set.cents, ids: set.split.members.map((firm) => model.firms[firm]!.firm.id) };
}

/**
 * The lot's answer after `changes`, given the answer `previous` computed
 * (with the same options) on the input before them. `unchanged` only when a
 * full solve is proven to give the identical answer; otherwise the new
 * answer, by merging (see the header) or by a warm-started full solve.
 * `model`, when given, gives the input's model when one is needed
 * (buildMatchModel, or updateMatchModel from the one before the changes): a
 * caller that keeps a lot's model between changes saves building it, the bulk
 * of a merge's time.
 */
export function resolveAfterFirmChanges(
  input: EngineInput,
  previous: EngineResult,
  changes: readonly FirmChange[],
  options: EngineOptions = {},
  model?: () => MatchModel,
): IncrementalOutcome {
  if (changes.length === 0) return { kind: 'unchanged', reason: 'heuristic' };
  const k = clampK(options.k);
  let built: MatchModel | undefined;
  const modelOf = () => (built ??= model ? model() : buildMatchModel(input));
  const shownSets = previous.proposals.map((proposal) => proposal.members.map((member) => member.smeId));
  const full = (incumbents: readonly (readonly string[])[] = shownSets): IncrementalOutcome => ({
    kind: 'updated',
    result: solveModel(input, modelOf(), { ...options, incumbents }),
    method: 'full',
  });
  if (!previous.feasible) return full([]);
  if (previous.status !== 'optimal' || previous.proposals.length > k) return full();

  const changedIds = new Set(changes.map((change) => change.firmId));
  const afterById = new Map<string, EngineFirm>();
  for (const firm of input.firms) if (changedIds.has(firm.id)) afterById.set(firm.id, firm);
  const { shownWorsened, shownChanged, improvedIds } = classifyChanges(
    offerRules(input.lot),
    previous,
    changes,
    afterById,
    input.booked,
  );
  if (shownWorsened) {
    const kept =
      improvedIds.length === 0
        ? keptAfterWorsening(input, modelOf(), previous, k, changedIds, options.now ?? (() => performance.now()))
        : undefined;
    return kept ? { kind: 'updated', result: kept, method: 'merge' } : full();
  }
  if (!shownChanged && improvedIds.length === 0) return { kind: 'unchanged', reason: 'heuristic' };
  // A firm outside the shown sets that many others dominate enters no top k set: no need for the whole model.
  // With a model at hand (kept by the caller), judging a firm on it costs less than a model of its rivals.
  const entering = shownChanged
    ? improvedIds
    : improvedIds.filter((id) => !(model ? dominatedIn(modelOf(), id, k) : dominatedAlone(input, id, k)));
  if (entering.length === 0 && !shownChanged) return { kind: 'unchanged', reason: 'proven-bound' };
  if (entering.length > MAX_FORCED_SEARCHES) return full();

  const merged = mergeAfterImprovements(input, modelOf(), previous, k, entering, options);
  if (merged.kind === 'fallback') return full(merged.incumbents);
  if (!shownChanged && sameSets(previous.proposals, merged.keys)) return { kind: 'unchanged', reason: 'proven-bound' };
  return { kind: 'updated', result: merged.result, method: 'merge' };
}

interface ClassifiedChanges {
  /** A member of a shown proposal lost or worsened an offer: sets never ranked may move up. */
  shownWorsened: boolean;
  /** A member of a shown proposal changed (and did not worsen). */
  shownChanged: boolean;
  /** Changed firms with a new, cheaper or larger offer for the lot. */
  improvedIds: string[];
}

/** How each changed firm's offers for the lot moved (reach.ts), judged on the changed firms alone. */
function classifyChanges(
  rules: OfferRules,
  previous: EngineResult,
  changes: readonly FirmChange[],
  afterById: ReadonlyMap<string, EngineFirm>,
  booked: readonly BookedUnits[],
): ClassifiedChanges {
  const shown = new Set(previous.proposals.flatMap((proposal) => proposal.members.map((member) => member.smeId)));
  const firstChange = new Map<string, FirmChange>();
  for (const change of changes) if (!firstChange.has(change.firmId)) firstChange.set(change.firmId, change);
  const classified: ClassifiedChanges = { shownWorsened: false, shownChanged: false, improvedIds: [] };
  const bookedByFirm = bookedUnitsByFirm(booked);
  const offersOf = (firm: EngineFirm | null | undefined, bookedBySkill: ReadonlyMap<Skill, number> | undefined) =>
    firm ? offersUnder(rules, firm, bookedBySkill) : new Map<Skill, FirmOffer>();
  for (const change of firstChange.values()) {
    const bookedAfter = bookedByFirm.get(change.firmId);
    const bookedBefore = change.bookedBefore ? bookedUnitsByFirm(change.bookedBefore).get(change.firmId) : bookedAfter;
    const offersBefore = offersOf(change.before, bookedBefore);
    const offersAfter = offersOf(afterById.get(change.firmId), bookedAfter);
    const { improved, worsened } = compareOffers(offersBefore, offersAfter);
    if (shown.has(change.firmId)) {
      if (worsened) classified.shownWorsened = true;
      else classified.shownChanged = true;
    }
    if (improved) classified.improvedIds.push(change.firmId);
  }
  return classified;
}

/**
 * Shown members got dearer or lost units and no changed firm improved. A set
 * with no changed firm keeps its split and cost; one whose changed firms
 * only worsened costs at least as much as before, so every set the previous
 * answer did not show still ranks after K (its k-th). A set the worsening
 * makes newly valid has a member the old cheapest split left idle: with T
 * the members that worked, its cost is at least T's old cost plus one
 * member's coordination (the cheapest split of a fixed set minimises the
 * work cost, which only grew). For T not shown that is after K when
 * coordination costs anything; for T shown and holding a changed firm it is
 * checked below. So when every shown set, re-costed, is still valid and ranks
 * no later than K, they are the new top k in their new order; otherwise
 * (or with fewer than k, where no K bounds the others) the caller solves in full.
 */
function keptAfterWorsening(
  input: EngineInput,
  model: MatchModel,
  previous: EngineResult,
  k: number,
  changedIds: ReadonlySet<string>,
  now: () => number,
): EngineResult | undefined {
  if (previous.proposals.length !== k) return undefined;
  const started = now();
  const coordinationCents = toPennies(model.lot.coordinationCostPerMember);
  if (coordinationCents <= 0) return undefined;
  const limit = proposalKey(previous.proposals[k - 1]!);
  const indexOf = positionsOf(
    model,
    previous.proposals.flatMap((proposal) => proposal.members.map((member) => member.smeId)),
  );
  const sets: FoundSet[] = [];
  for (const proposal of previous.proposals) {
    const ids = proposal.members.map((member) => member.smeId);
    if (ids.some((id) => changedIds.has(id)) && toPennies(proposal.cost) + coordinationCents <= limit.cents)
      return undefined;
    const members = ids.map((id) => indexOf.get(id));
    if (members.some((member) => member === undefined)) return undefined;
    const outcome = canonicalSplit(model, members as number[]);
    if (!outcome.covered || outcome.idle.length > 0) return undefined;
    const set = { split: outcome.split, cents: toPennies(outcome.split.rawCost) };
    if (compareKeys(foundKey(model, set), limit) > 0) return undefined;
    sets.push(set);
  }
  const proposals = proposalsOf(
    model,
    sets.sort((a, b) => compareFound(model, a, b)),
    true,
  );
  return {
    status: 'optimal',
    feasible: true,
    proposals,
    unmet: [],
    stats: {
      firms: input.firms.length,
      candidates: model.firms.length,
      searched: 0,
      nodes: 0,
      elapsedMs: now() - started,
    },
  };
}

/** What settleFirmChanges could tell without the lot's whole model. */
export type Settled =
  /** the previous answer stands: no shown member changed and no changed firm improved */
  | 'stands-heuristic'
  /** it stands: every improved firm is dominated by enough rivals (dominance.ts) to enter no top k set */
  | 'stands-proven'
  /** a shown member changed, or an improved firm may enter: resolveAfterFirmChanges decides */
  | 'needs-engine';

/** Rivals looked at per improved firm before settleFirmChanges leaves the firm to the engine. */
const MAX_RIVALS_SCANNED = 400;

/**
 * The first tests of resolveAfterFirmChanges, on the changed firms and, for
 * an improved firm, on rivals offered one at a time, so a server settles
 * most lots a change touches without building the lot's model or sending it
 * to a solver. 'stands-…' only when resolveAfterFirmChanges would answer
 * `unchanged` too. `firmsAfter` holds the changed firms as they are now (a
 * removed firm is absent; firms out of reach offer nothing); `booked` holds
 * the bookings in the lot's window. `rivalsOf(skills)` yields at least every
 * firm offering all of those skills that can reach the lot, in any order
 * (others are ignored); without it an improved firm needs the engine.
 */
export function settleFirmChanges(
  lot: EngineInput['lot'],
  previous: EngineResult,
  changes: readonly FirmChange[],
  firmsAfter: ReadonlyMap<string, EngineFirm>,
  booked: readonly BookedUnits[],
  options: Pick<EngineOptions, 'k'> & { rivalsOf?: (skills: readonly Skill[]) => Iterable<EngineFirm> } = {},
): Settled {
  if (changes.length === 0) return 'stands-heuristic';
  const k = clampK(options.k);
  if (!previous.feasible || previous.status !== 'optimal' || previous.proposals.length > k) return 'needs-engine';
  const rules = offerRules(lot);
  const { shownWorsened, shownChanged, improvedIds } = classifyChanges(rules, previous, changes, firmsAfter, booked);
  if (shownWorsened || shownChanged) return 'needs-engine';
  if (improvedIds.length === 0) return 'stands-heuristic';
  const { rivalsOf } = options;
  if (!rivalsOf) return 'needs-engine';
  const bookedByFirm = bookedUnitsByFirm(booked);
  const dominated = improvedIds.every((id) => {
    const firm = firmsAfter.get(id)!;
    const offers = offersUnder(rules, firm, bookedByFirm.get(id));
    return dominatedByRivals(rules, firm, offers, rivalsOf([...offers.keys()]), booked, k, MAX_RIVALS_SCANNED);
  });
  return dominated ? 'stands-proven' : 'needs-engine';
}

/** Whether the firm is dominated in the lot's model, judged on just the firms that could dominate it. */
function dominatedAlone(input: EngineInput, firmId: string, k: number): boolean {
  const firm = input.firms.find((candidate) => candidate.id === firmId);
  if (!firm) return true;
  const skills = [...firmOffers(input.lot, firm, input.booked).keys()];
  if (skills.length === 0) return true;
  const rivals = input.firms.filter(
    (other) => other === firm || skills.every((skill) => other.capabilities.some((c) => c.skill === skill)),
  );
  const model = buildMatchModel({ ...input, firms: rivals });
  const index = model.firms.findIndex((candidate) => candidate.firm.id === firmId);
  return index < 0 || isDominated(model, index, k, input.lot.maxMembers);
}

/** dominatedAlone on the lot's whole model, when the caller holds it: the relation reads only the two firms' offers. */
function dominatedIn(model: MatchModel, firmId: string, k: number): boolean {
  const index = positionsOf(model, [firmId]).get(firmId);
  return index === undefined || isDominatedIn(model, index, k, model.lot.maxMembers);
}

function sameSets(proposals: readonly Proposal[], keys: readonly Key[]): boolean {
  return (
    proposals.length === keys.length &&
    proposals.every((proposal, index) => compareKeys(proposalKey(proposal), keys[index]!) === 0)
  );
}

type MergeOutcome =
  { kind: 'merged'; result: EngineResult; keys: Key[] } | { kind: 'fallback'; incumbents: string[][] };

function mergeAfterImprovements(
  input: EngineInput,
  model: MatchModel,
  previous: EngineResult,
  k: number,
  improvedIds: readonly string[],
  options: EngineOptions,
): MergeOutcome {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const deadline = started + (options.timeBudgetMs ?? 2000);
  const outOfTime = () => now() >= deadline;
  const indexOf = positionsOf(model, [
    ...previous.proposals.flatMap((proposal) => proposal.members.map((member) => member.smeId)),
    ...improvedIds,
  ]);
  const improved = new Set(improvedIds);
  const limit = previous.proposals.length === k ? proposalKey(previous.proposals[k - 1]!) : null;

  // Shown sets without an improved firm keep their cost (none of their members worsened).
  const candidates: FoundSet[] = [];
  for (const proposal of previous.proposals) {
    const ids = proposal.members.map((member) => member.smeId);
    if (ids.some((id) => improved.has(id))) continue;
    const members = ids.map((id) => indexOf.get(id)!);
    const outcome = canonicalSplit(model, members);
    if (!outcome.covered || outcome.idle.length > 0) return { kind: 'fallback', incumbents: [] };
    candidates.push({ split: outcome.split, cents: toPennies(outcome.split.rawCost) });
  }

  // Firms dominated in the new model are in none of its top k sets (dominance.ts), so the new top k sets
  // containing f are among the best sets containing f without them: a dominated f enters no top k set.
  const excluded = dominatedFirms(model, k, model.lot.maxMembers);
  // The shown sets with an improved member, re-costed: valid sets of the new model too.
  const improvedShown = validSets(
    model,
    previous.proposals
      .map((proposal) => proposal.members.map((member) => member.smeId))
      .filter((ids) => ids.some((id) => improved.has(id))),
  );
  let nodes = 0;
  for (const id of improvedIds) {
    const firm = indexOf.get(id);
    if (firm === undefined || excluded[firm]) continue;
    // Every valid set known so far competes with the sets containing f for the k places: a set
    // with f that ranks after k of them is in no merged top k, so the forced search cuts against
    // the k-th of them all (and starts from them with f added or swapped in), not just the limit.
    const search = searchTopK(model, excluded, k, outOfTime, {
      forced: [firm],
      limitPennies: limit ? limit.cents : Infinity,
      rivals: [...candidates, ...improvedShown],
    });
    nodes += search.nodes;
    if (!search.complete) return { kind: 'fallback', incumbents: keysToIds(model, candidates) };
    candidates.push(...search.found);
  }

  const unique: FoundSet[] = [];
  for (const set of candidates.sort((a, b) => compareFound(model, a, b))) {
    if (unique.length > 0 && compareFound(model, set, unique[unique.length - 1]!) === 0) continue;
    unique.push(set);
  }
  const ranked = (limit ? unique.filter((set) => compareKeys(foundKey(model, set), limit) <= 0) : unique).slice(0, k);
  if (ranked.length === 0 || (limit && ranked.length < k))
    return { kind: 'fallback', incumbents: keysToIds(model, unique) };

  const proposals = proposalsOf(model, ranked, true);
  const result: EngineResult = {
    status: 'optimal',
    feasible: proposals.length > 0,
    proposals,
    unmet: [],
    stats: {
      firms: input.firms.length,
      candidates: model.firms.length,
      searched: excluded.reduce((count, isExcluded) => count + (isExcluded ? 0 : 1), 0),
      nodes,
      elapsedMs: now() - started,
    },
  };
  return { kind: 'merged', result, keys: ranked.map((set) => foundKey(model, set)) };
}

function keysToIds(model: MatchModel, sets: readonly FoundSet[]): string[][] {
  return sets.map((set) => set.split.members.map((firm) => model.firms[firm]!.firm.id));
}
