/**
 * Exact top-k enumeration of member sets by depth-first branch and bound.
 *
 * Every valid member set M (each member works in M's canonical split) has
 * exactly one *fill tuple*: for each required skill, T_k = the members that
 * canonical split uses for k, i.e. a prefix of M's offers in (cost, id)
 * order. The search decides skills one at a time (coordinator first, then
 * the skills needing the most firms); deciding skill k picks which non-members
 * join to fill it and marks the marginal position, the last offer used. A
 * non-member offer *before* that position is then forbidden for the rest of
 * the branch (had it been a member, the fill would have used it), and one
 * after it may still join later without changing T_k. So every path ends in
 * the tuple of a valid set, and every valid set within the member limit is
 * reached by exactly one path: no duplicates and no omissions.
 *
 * A branch is cut only when a lower bound on every set below it, rounded
 * down to the penny, exceeds the k-th best cost found or the current round's
 * cost cap (equal pennies are kept, so the size and id tie-breaks are decided
 * on real sets). Every bound used is a relaxation of the branch's problem:
 *  - per-skill fills: decided fills and coordination so far, plus each
 *    undecided skill's cheapest fractional fill from members and allowed
 *    non-members, a non-member's coordination shared out as 1/r per skill
 *    over the r required skills it can supply (it pays 1 in full, is
 *    charged at most r × 1/r);
 *  - plain fills plus coordination for the joiners the neediest undecided
 *    skill needs on its own; and infeasible when any skill needs more
 *    joiners than free member slots, or a fill cannot be completed within them;
 *  - a Lagrangian bound (prices on the undecided cover constraints; see
 *    `lagrangianBound`), valid for any prices by weak duality, which sees
 *    coordination and the member limit jointly; and, from it, reduced-cost
 *    fixing, which forbids below a node every firm whose joining provably
 *    lifts that bound past the cut (`fixOutByReducedCost`);
 *  - while enumerating a skill's fills, the same reduced costs charged to
 *    the fill's joiners (`enumerateFills`): a joiner's coordination, less
 *    what it could earn on the other undecided skills, is a proven lift of
 *    the others' Lagrangian bound. This is what keeps fills that need many
 *    small, near-tied firms from multiplying.
 * The sets kept are always real valid sets, from leaves of this search or
 * proposed by a local search (incumbents.ts) around them; keeping a valid
 * set is harmless, and it only makes the k-th best, hence the cut, tighter.
 * A quick, incomplete *dive* (few fills per node, few children) finds the
 * first set to start the local search from. Then rounds raise the cap
 * geometrically from the root bound up to a ceiling no valid set can exceed,
 * keeping the sets found across rounds (each set once); a round is
 * conclusive once the k-th set kept is within the cap, because every set
 * cut so far was above the cap or above the k-th kept at the time, which
 * only falls. Removing dominated firms first (dominance.ts) does not change
 * the answer either. Hence, when the search finishes, the k sets kept are
 * exactly the k best (or there are fewer valid sets than k); when the time
 * budget stops it, they are only the best found (status "timedout").
 *
 * What made the demo market hard: lots whose skills each have hundreds of
 * near-tied offers (prices a few pounds apart) and whose cheapest offers are
 * small firms, so a fill can be made from many combinations of them. Without
 * charging joiners' coordination while enumerating, a node generated every
 * such combination within the cut before any bound looked at it, and with
 * the k-th best unknown (the cap rounds jumping by 4×) millions of fills
 * were generated under a cap no better than the root bound plus a few %.
 */
import { toPennies } from '@lepa/shared';
import type { MatchModel } from './eligibility.ts';
import { undecidedLowerBound } from './search/bounds.ts';
import { descend } from './search/branching.ts';
import { hasForced, improveFound, keep, seedForced } from './search/found.ts';
import { initialPrices, optimisePrices } from './search/lagrangian.ts';
import { createSearchState, prunable, type FoundSet } from './search/state.ts';

export { compareFound } from './search/found.ts';
export type { FoundSet } from './search/state.ts';

/**
 * - `forced`: model firms every set must contain (the best sets containing a
 *   firm, for incremental solves); they start as members, paying their
 *   coordination up front, and a leaf where one of them is idle is no set.
 * - `limitPennies`: sets costing more are not looked for (the search is
 *   exact for the top k of the sets within the limit).
 * - `incumbents`: valid sets (canonical splits) to start from; those missing
 *   a forced firm are ignored. Keeping valid sets only tightens the cut.
 * - `rivals`: valid sets, with or without the forced firms, that compete
 *   with them for the k places: kept like found sets, so the cut is the
 *   k-th best of both, and the answer is the k best of the sets with the
 *   forced firms and the rivals together (what a merge needs: a set with
 *   the forced firm ranking after k rivals is in no merged top k).
 */
export interface SearchOptions {
  forced?: readonly number[];
  limitPennies?: number;
  incumbents?: readonly FoundSet[];
  rivals?: readonly FoundSet[];
}

export interface SearchOutcome {
  found: FoundSet[];
  /** false when the time budget stopped the search */
  complete: boolean;
  nodes: number;
}

/** The dive's node allowance. */
const DIVE_NODES = 3000;
/** Subgradient steps for the Lagrangian prices at the root. */
const ROOT_PRICE_STEPS = 60;

/**
 * The k best valid sets (with the forced firms, or rivals; within the limit), by the
 * rounds described above; the modules under search/ hold the state
 * (state.ts), the bounds (bounds.ts, lagrangian.ts), the fills (fills.ts),
 * the descent (branching.ts) and the sets kept (found.ts).
 */
export function searchTopK(
  model: MatchModel,
  excluded: Uint8Array,
  k: number,
  outOfTime: () => boolean,
  options: SearchOptions = {},
): SearchOutcome {
  const forced = options.forced ?? [];
  const state = createSearchState(model, excluded, k, outOfTime, forced);
  const { maxMembers, coordination, found } = state;
  const { quantity, offerCosts } = state.tables;
  const limitPennies = options.limitPennies ?? Infinity;
  // The local search may propose sets above the limit: valid, so harmless to keep, but not asked for.
  const outcome = (complete: boolean): SearchOutcome => ({
    found: limitPennies === Infinity ? found : found.filter((set) => set.cents <= limitPennies),
    complete,
    nodes: state.nodes,
  });
  /** The forced members' coordination, paid before any skill is decided. */
  const baseCost = coordination * forced.length;

  // Rivals count whatever else happens: the answer is the k best of them and the sets with the forced firms.
  for (const rival of options.rivals ?? []) keep(state, rival);
  // A forced firm with no offer in play works in no set.
  if (state.forcedLastDepth.some((depth) => depth < 0)) return outcome(true);
  const perSkillRootBound = maxMembers >= Math.max(1, forced.length) ? undecidedLowerBound(state) : Infinity;
  if (perSkillRootBound === Infinity) return outcome(true);
  for (const incumbent of options.incumbents ?? []) if (hasForced(state, incumbent.split)) keep(state, incumbent);
  if (forced.length > 0) seedForced(state);
  // No valid set costs more than every unit at its skill's dearest offer plus a full member list,
  // so a cap above that excludes nothing, yet stays finite for the price steps to aim at.
  const ceiling = model.skills.reduce(
    (sum, _, skill) => sum + quantity[skill]! * Math.max(0, ...offerCosts[skill]!),
    Math.max(0, coordination) * maxMembers,
  );
  const ceilingPennies = Math.min(toPennies(ceiling) + 1, limitPennies);
  state.capPennies = ceilingPennies;
  state.rootPrices = initialPrices(state);
  // The root's price steps aim at the ceiling, not at the cut: aimed at a tight cut (a limit, rivals or
  // incumbents known from the start) the steps are short and 60 of them leave the prices, which every
  // node starts from, far from good. On a lot whose improved firm was in every shown set that weaker root
  // bound cost a forced search 100× the nodes of a cold full solve (the same held for a warm-started one).
  const rootBound =
    baseCost +
    Math.max(
      perSkillRootBound,
      optimisePrices(state, state.rootPrices, ROOT_PRICE_STEPS, baseCost, toPennies(ceiling) + 1),
    );
  if (prunable(state, rootBound)) return outcome(true);
  const scale = Math.max(rootBound, 1);
  // With forced firms and k sets already kept (rivals), the k-th best is known and tight: the dive
  // (only a way to meet valid sets early) and rounds below it (only a way not to enumerate blindly
  // before k sets are known) would repeat work, so one round at the k-th best does.
  const knownK = forced.length > 0 && found.length === k;
  // The dive: children limited to the first few fills and, of those, the few
  // with the best bounds, within a small node allowance. It is only a way to
  // meet some valid sets early; the local search improves them, and the
  // rounds below then start with a tight k-th best. Sets it records are real
  // valid sets (leaves of the same search), so keeping them is harmless.
  if (!knownK) {
    state.diving = true;
    state.diveNodeLimit = state.nodes + DIVE_NODES;
    descend(state, 0, baseCost);
    state.diving = false;
    if (state.aborted) return outcome(false);
    state.stopped = false;
  }
  improveFound(state);

  // Rounds with a growing cost cap: a branch above the cap is not explored, so
  // no node enumerates fills blindly before k sets are known. Once the k-th
  // best found is within the cap, every set cheaper than it has been seen.
  const firstWidening = knownK ? Math.max(found[k - 1]!.cents / 100 - rootBound, 0.002 * scale) : 0.002 * scale;
  for (let widening = firstWidening; ; widening *= 4) {
    state.capPennies = Math.min(toPennies(Math.min(rootBound + widening, ceiling)) + 1, ceilingPennies);
    descend(state, 0, baseCost);
    if (state.aborted) return outcome(false);
    if (state.capPennies >= ceilingPennies || (found.length === k && found[k - 1]!.cents <= state.capPennies)) break;
    // Neighbours of the sets found so far, to tighten the limit for the next round.
    improveFound(state);
  }
  return outcome(true);
}
