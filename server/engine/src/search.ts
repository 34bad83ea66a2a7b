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
import { canonicalSplit, type Split } from './split.ts';
import { localSearch } from './incumbents.ts';
import { buildSearchTables } from './search-tables.ts';

export interface FoundSet {
  split: Split;
  cents: number;
}

/**
 * - `forced`: model firms every set must contain (the best sets containing a
 *   firm, for incremental solves); they start as members, paying their
 *   coordination up front, and a leaf where one of them is idle is no set.
 * - `limitPennies`: sets costing more are not looked for (the search is
 *   exact for the top k of the sets within the limit).
 * - `incumbents`: valid sets (canonical splits) to start from; those missing
 *   a forced firm are ignored. Keeping valid sets only tightens the cut.
 */
export interface SearchOptions {
  forced?: readonly number[];
  limitPennies?: number;
  incumbents?: readonly FoundSet[];
}

export interface SearchOutcome {
  found: FoundSet[];
  /** false when the time budget stopped the search */
  complete: boolean;
  nodes: number;
}

interface Child {
  newFirms: number[];
  fillCost: number;
  marginal: number;
  lowerBound: number;
}

/** Lowest whole-penny cost a raw amount can round to, allowing for summation-order noise. */
function lowestPennies(amount: number): number {
  return Math.round(amount * 100 - 1e-3 - 1e-12 * Math.abs(amount * 100));
}

const CLOCK_CHECK_EVERY = 64;
/** The dive's allowances: nodes in all, fills kept per node, children explored per node. */
const DIVE_NODES = 3000;
const DIVE_CHILDREN = 12;
const DIVE_WIDTH = 2;
/** Subgradient steps for the Lagrangian prices at the root and, warm-started from the parent, at each node. */
const ROOT_PRICE_STEPS = 60;
const NODE_PRICE_STEPS = 12;

export function searchTopK(
  model: MatchModel,
  excluded: Uint8Array,
  k: number,
  outOfTime: () => boolean,
  options: SearchOptions = {},
): SearchOutcome {
  const skillCount = model.skills.length;
  const firmCount = model.firms.length;
  const { maxMembers, coordinationCostPerMember: coordination } = model.lot;
  const {
    quantity,
    offerFirms,
    offerCosts,
    offerAvailable,
    offerUsable,
    boundFirms,
    boundCosts,
    boundUnits,
    largestFirms,
    largestUnits,
    largestUnitsFrom,
    searchFirms,
    searchIndex,
    offerStart,
    firmOfferSkill,
    firmOfferCost,
    firmOfferUnits,
    decisionOrder,
  } = buildSearchTables(model, excluded);

  /** How many skills are decided: always the first ones of `decisionOrder`. */
  let decidedCount = 0;

  const inMembers = new Uint8Array(firmCount);
  const forbidden = new Int32Array(firmCount);
  const decided = new Uint8Array(skillCount);
  const members: number[] = [];
  const found: FoundSet[] = [];
  let nodes = 0;
  let aborted = false;
  /** The search stops: out of time, or the dive's node allowance is spent. */
  let stopped = false;
  /** Dive mode: a quick incomplete search for first sets (see below). */
  let diving = false;
  let diveNodeLimit = 0;

  const forced = options.forced ?? [];
  const limitPennies = options.limitPennies ?? Infinity;
  for (const firm of forced) {
    inMembers[firm] = 1;
    members.push(firm);
  }
  /** The forced members' coordination, paid before any skill is decided. */
  const baseCost = coordination * forced.length;
  const hasForced = (split: Split): boolean => forced.every((firm) => split.members.includes(firm));

  const memberCosts = new Float64Array(Math.max(1, Math.min(maxMembers, firmCount)));
  const memberUnits = new Float64Array(memberCosts.length);

  /** Sets costing more than this many pennies are not looked for in the current round. */
  let capPennies = 0;

  function prunable(lowerBound: number): boolean {
    const limit = found.length === k ? Math.min(found[k - 1]!.cents, capPennies) : capPennies;
    return lowestPennies(lowerBound) > limit;
  }

  function tick(): boolean {
    nodes++;
    if (!aborted && nodes % CLOCK_CHECK_EVERY === 1 && outOfTime()) aborted = stopped = true;
    if (diving && nodes >= diveNodeLimit) stopped = true;
    return stopped;
  }

  /** Cheapest fractional fill of an undecided skill under the current branch (see the header). */
  function skillLowerBound(skill: number): number {
    let need = quantity[skill]!;
    let memberCount = 0;
    for (const firm of members) {
      const at = firm * skillCount + skill;
      const cost = model.unitCost[at]!;
      if (Number.isNaN(cost)) continue;
      let slot = memberCount++;
      while (slot > 0 && memberCosts[slot - 1]! > cost) {
        memberCosts[slot] = memberCosts[slot - 1]!;
        memberUnits[slot] = memberUnits[slot - 1]!;
        slot--;
      }
      memberCosts[slot] = cost;
      memberUnits[slot] = Math.min(model.available[at]!, need);
    }
    let total = 0;
    let next = 0;
    if (members.length < maxMembers) {
      const firms = boundFirms[skill]!;
      const costs = boundCosts[skill]!;
      const units = boundUnits[skill]!;
      for (let position = 0; position < firms.length; position++) {
        const firm = firms[position]!;
        if (inMembers[firm] || forbidden[firm]) continue;
        const cost = costs[position]!;
        while (next < memberCount && memberCosts[next]! <= cost) {
          const take = Math.min(need, memberUnits[next]!);
          total += take * memberCosts[next++]!;
          need -= take;
          if (need === 0) return total;
        }
        const take = Math.min(need, units[position]!);
        total += take * cost;
        need -= take;
        if (need === 0) return total;
      }
    }
    while (next < memberCount) {
      const take = Math.min(need, memberUnits[next]!);
      total += take * memberCosts[next++]!;
      need -= take;
      if (need === 0) return total;
    }
    return Infinity;
  }

  /** Cheapest fill of an undecided skill from members and allowed non-members, at plain unit costs. */
  function plainFill(skill: number): number {
    let need = quantity[skill]!;
    let total = 0;
    const firms = offerFirms[skill]!;
    const costs = offerCosts[skill]!;
    const available = offerAvailable[skill]!;
    const joinersAllowed = members.length < maxMembers;
    for (let position = 0; position < firms.length; position++) {
      const firm = firms[position]!;
      if (forbidden[firm] || (!joinersAllowed && !inMembers[firm])) continue;
      const take = Math.min(need, available[position]!);
      total += take * costs[position]!;
      need -= take;
      if (need === 0) return total;
    }
    return Infinity;
  }

  /** Fewest non-members that must join to cover what members cannot supply of an undecided skill. */
  function joinersNeeded(skill: number): number {
    let need = quantity[skill]!;
    for (const firm of members) {
      const at = firm * skillCount + skill;
      if (!Number.isNaN(model.unitCost[at]!)) need -= Math.min(need, model.available[at]!);
    }
    if (need <= 0) return 0;
    const firms = largestFirms[skill]!;
    const units = largestUnits[skill]!;
    let joiners = 0;
    for (let position = 0; position < firms.length; position++) {
      const firm = firms[position]!;
      if (inMembers[firm] || forbidden[firm]) continue;
      joiners++;
      need -= units[position]!;
      if (need <= 0) return joiners;
    }
    return Infinity;
  }

  /**
   * The larger of two bounds on what the undecided skills add: fills with
   * coordination shared out (header), and plain fills plus the coordination
   * of the joiners the neediest skill requires on its own.
   */
  function undecidedLowerBound(): number {
    let shared = 0;
    let plain = 0;
    let joiners = 0;
    const slots = maxMembers - members.length;
    for (let skill = 0; skill < skillCount; skill++) {
      if (decided[skill]) continue;
      const needed = joinersNeeded(skill);
      if (needed > slots) return Infinity;
      joiners = Math.max(joiners, needed);
      shared += skillLowerBound(skill);
      plain += plainFill(skill);
    }
    return Math.max(shared, plain + coordination * joiners);
  }

  /** Per searchable firm, from the last Lagrangian pass: what joining would earn net of coordination (see `joinGainOf`). */
  const joinGain = new Float64Array(searchFirms.length);
  const joinGainPass = new Int32Array(searchFirms.length);
  let pass = 0;
  /** The smallest gain that made the last pass's joiners (0 when fewer joiners than free slots earned anything). */
  let marginalJoinGain = 0;
  const topGains = new Float64Array(Math.max(1, maxMembers));
  const topFirms = new Int32Array(Math.max(1, maxMembers));
  const touchedFirms = new Int32Array(searchFirms.length);
  const supplied = new Float64Array(skillCount);

  /** A firm the last pass did not visit has no undecided offer: joining earns nothing and costs its coordination. */
  function joinGainOf(index: number): number {
    return joinGainPass[index] === pass ? joinGain[index]! : -coordination;
  }

  function addSupply(index: number, prices: Float64Array): void {
    for (let offer = offerStart[index]!; offer < offerStart[index + 1]!; offer++) {
      const skill = firmOfferSkill[offer]!;
      if (!decided[skill] && prices[skill]! > firmOfferCost[offer]!) supplied[skill]! += firmOfferUnits[offer]!;
    }
  }

  /**
   * Lagrangian bound on what the undecided skills add, for unit prices v ≥ 0
   * on their cover constraints: Σ v_k q_k minus what each firm could earn
   * selling its usable units at those prices, where a non-member must pay
   * its coordination to join and at most (maxMembers − members) may join.
   * Any prices give a valid bound (weak duality); `optimisePrices` only looks
   * for good ones. It sees coordination and the member limit, which the
   * per-skill bounds cannot. Fills `supplied` with the units sold.
   */
  function lagrangianBound(prices: Float64Array): number {
    let total = 0;
    for (let skill = 0; skill < skillCount; skill++) {
      supplied[skill] = 0;
      if (!decided[skill]) total += prices[skill]! * quantity[skill]!;
    }
    // Only offers priced below their skill's price earn anything: walk each undecided
    // skill's offers, cheapest first, up to its price; every other firm earns nothing.
    pass++;
    let touched = 0;
    for (let depth = decidedCount; depth < skillCount; depth++) {
      const skill = decisionOrder[depth]!;
      const price = prices[skill]!;
      const firms = offerFirms[skill]!;
      const costs = offerCosts[skill]!;
      const units = offerUsable[skill]!;
      for (let position = 0; position < firms.length && costs[position]! < price; position++) {
        const firm = firms[position]!;
        if (forbidden[firm]) continue;
        const index = searchIndex[firm]!;
        if (joinGainPass[index] !== pass) {
          joinGainPass[index] = pass;
          joinGain[index] = 0;
          touchedFirms[touched++] = index;
        }
        joinGain[index]! += (price - costs[position]!) * units[position]!;
      }
    }
    const slots = maxMembers - members.length;
    let topCount = 0;
    for (let next = 0; next < touched; next++) {
      const index = touchedFirms[next]!;
      const firm = searchFirms[index]!;
      let gain = joinGain[index]!;
      if (inMembers[firm]) {
        total -= gain;
        addSupply(index, prices);
        continue;
      }
      gain -= coordination;
      joinGain[index] = gain;
      if (gain <= 0 || slots <= 0 || (topCount === slots && gain <= topGains[topCount - 1]!)) continue;
      let slot = topCount < slots ? topCount++ : topCount - 1;
      while (slot > 0 && topGains[slot - 1]! < gain) {
        topGains[slot] = topGains[slot - 1]!;
        topFirms[slot] = topFirms[slot - 1]!;
        slot--;
      }
      topGains[slot] = gain;
      topFirms[slot] = index;
    }
    marginalJoinGain = topCount === slots && slots > 0 ? topGains[slots - 1]! : 0;
    for (let slot = 0; slot < topCount; slot++) {
      total -= topGains[slot]!;
      addSupply(topFirms[slot]!, prices);
    }
    return total;
  }

  /** Subgradient steps on the prices (Polyak step towards the pruning threshold); keeps the best. */
  function optimisePrices(prices: Float64Array, iterations: number, costSoFar: number): number {
    const best = bestPricesAtDepth[decidedCount]!;
    best.set(prices);
    let bestBound = -Infinity;
    let bestPass = -1;
    let stepScale = 1;
    for (let iteration = 0; iteration < iterations; iteration++) {
      const bound = lagrangianBound(prices);
      if (bound > bestBound) {
        bestBound = bound;
        bestPass = pass;
        best.set(prices);
      }
      if (prunable(costSoFar + bound)) break;
      let norm = 0;
      for (let skill = 0; skill < skillCount; skill++) {
        if (decided[skill]) continue;
        const gap = quantity[skill]! - supplied[skill]!;
        norm += gap * gap;
      }
      if (norm === 0) break;
      const target = (found.length === k ? Math.min(found[k - 1]!.cents, capPennies) : capPennies) / 100;
      const step = (stepScale * Math.max(target - costSoFar - bound, 1e-6 * (costSoFar + Math.abs(bound) + 1))) / norm;
      for (let skill = 0; skill < skillCount; skill++) {
        if (decided[skill]) continue;
        prices[skill] = Math.max(0, prices[skill]! + step * (quantity[skill]! - supplied[skill]!));
      }
      stepScale *= 0.85;
    }
    prices.set(best);
    // The last pass's join gains are those of the best prices unless a later, worse pass overwrote them.
    passIsBest = bestPass === pass;
    return bestBound;
  }
  /** Whether the join gains of the last Lagrangian pass belong to the prices `optimisePrices` kept. */
  let passIsBest = false;

  /** Starting prices: each skill's plain marginal unit cost over every offer. */
  function initialPrices(): Float64Array {
    return Float64Array.from(model.skills, (_, skill) => {
      let need = quantity[skill]!;
      const costs = offerCosts[skill]!;
      for (let position = 0; position < costs.length; position++) {
        need -= Math.min(need, offerAvailable[skill]![position]!);
        if (need === 0) return costs[position]!;
      }
      return costs.length > 0 ? costs[costs.length - 1]! : 0;
    });
  }
  const pricesAtDepth = Array.from({ length: skillCount + 1 }, () => new Float64Array(skillCount));
  /** optimisePrices' scratch, one per number of decided skills (calls never nest at the same depth). */
  const bestPricesAtDepth = Array.from({ length: skillCount + 1 }, () => new Float64Array(skillCount));
  let rootPrices: Float64Array = new Float64Array(skillCount);

  /** Adds the child's firms, forbids the offers it skipped; returns the firms to un-forbid. */
  function apply(skill: number, child: Child): number[] {
    for (const firm of child.newFirms) {
      inMembers[firm] = 1;
      members.push(firm);
    }
    decided[skill] = 1;
    decidedCount++;
    const skipped: number[] = [];
    const firms = offerFirms[skill]!;
    for (let position = 0; position < child.marginal; position++) {
      const firm = firms[position]!;
      if (inMembers[firm]) continue;
      forbidden[firm]!++;
      skipped.push(firm);
    }
    return skipped;
  }

  function undo(skill: number, child: Child, skipped: readonly number[]): void {
    for (const firm of skipped) forbidden[firm]!--;
    decided[skill] = 0;
    decidedCount--;
    for (let index = 0; index < child.newFirms.length; index++) inMembers[members.pop()!] = 0;
  }

  /**
   * Every way to fill `skill` from members plus joining non-members, each
   * joiner used by the fill. A partial fill is cut when a bound on every
   * completion is cut: its cost so far, every unit still needed at no less
   * than the current offer's price, plus the larger of two bounds on the
   * rest (the other undecided skills and the joiners' coordination):
   *  - `cheapOthers`, the per-skill bound of the other skills (as before
   *    the joiners joined: the joiners' coordination, paid in full, is at
   *    least the shares that bound charges them);
   *  - `lagrangianOthers` + Σ over joiners j of max(0, θ − h_j), where, at
   *    the node's prices for the other skills, h_j is what j would earn
   *    joining net of coordination and θ the smallest gain among the best
   *    (free slots) joiners of the relaxation (0 when fewer earn anything).
   *    Forcing a set J to join changes the relaxation's choice from the
   *    best `slots` gains to J plus the best `slots − |J|` others, which
   *    loses at least θ − h_j for each j of J outside the best: a set of
   *    slots − |J∖best| elements sums to at most the top slots minus
   *    |J∖best| × θ. So lagrangian(members ∪ J) + coordination × |J| ≥
   *    lagrangianOthers + Σ_J max(0, θ − h_j): the joiners' coordination,
   *    less what they can earn elsewhere, is charged to the fill.
   */
  function enumerateFills(skill: number, costSoFar: number, cheapOthers: number, lagrangianOthers: number): Child[] {
    const children: Child[] = [];
    const theta = marginalJoinGain;
    const boundBase = costSoFar + Math.max(cheapOthers, lagrangianOthers);
    const lagrangianBase = costSoFar + lagrangianOthers;
    const gainPass = pass;
    const penaltyOf = (firm: number): number => {
      const index = searchIndex[firm]!;
      return Math.max(0, theta - (joinGainPass[index] === gainPass ? joinGain[index]! : -coordination));
    };
    const firms = offerFirms[skill]!;
    const costs = offerCosts[skill]!;
    const available = offerAvailable[skill]!;
    const largestAhead = largestUnitsFrom[skill]!;
    const joining: number[] = [];
    let membersUnits = 0;
    for (const firm of members) {
      const at = firm * skillCount + skill;
      if (!Number.isNaN(model.unitCost[at]!)) membersUnits += Math.min(model.available[at]!, quantity[skill]!);
    }
    const extend = (start: number, need: number, fillCost: number, membersAhead: number, penalties: number): void => {
      for (let position = start; position < firms.length; position++) {
        if (stopped || (diving && children.length >= DIVE_CHILDREN)) return;
        const firm = firms[position]!;
        const cost = costs[position]!;
        if (inMembers[firm]) {
          membersAhead -= Math.min(available[position]!, quantity[skill]!);
          const take = Math.min(need, available[position]!);
          fillCost += take * cost;
          need -= take;
          if (need === 0) {
            children.push({
              newFirms: [...joining],
              fillCost,
              marginal: position,
              lowerBound: lagrangianBase + penalties + fillCost,
            });
            return;
          }
          continue;
        }
        if (forbidden[firm]) continue;
        // Every remaining unit costs at least this offer's price from here on.
        if (prunable(boundBase + fillCost + need * cost)) return;
        if (prunable(lagrangianBase + penalties + fillCost + need * cost)) return;
        const penalty = penaltyOf(firm);
        if (prunable(lagrangianBase + penalties + penalty + fillCost + need * cost)) continue;
        // The free member slots, filled with the largest offers from here on, must still cover the need.
        if (need > membersAhead + (maxMembers - members.length - joining.length) * largestAhead[position]!) return;
        if (members.length + joining.length >= maxMembers || joining.length >= joinerLimit) continue;
        tick();
        const take = Math.min(need, available[position]!);
        joining.push(firm);
        if (take === need) {
          const childFill = fillCost + take * cost;
          children.push({
            newFirms: [...joining],
            fillCost: childFill,
            marginal: position,
            lowerBound: lagrangianBase + penalties + penalty + childFill,
          });
        } else {
          extend(position + 1, need - take, fillCost + take * cost, membersAhead, penalties + penalty);
        }
        joining.pop();
      }
    };
    // Diving, only fills with the fewest joiners possible: they leave the most member slots for the other skills.
    const joinerLimit = diving ? joinersNeeded(skill) : Infinity;
    extend(0, quantity[skill]!, 0, membersUnits, 0);
    return children;
  }

  function recordLeaf(): void {
    const outcome = canonicalSplit(model, members);
    // Unreachable by construction, except a forced member left idle: that path stands for a set without it.
    if (!outcome.covered || outcome.idle.length > 0) return;
    const candidate = { split: outcome.split, cents: toPennies(outcome.split.rawCost) };
    keep(candidate);
    // One set is enough for the local search to start from.
    if (diving) stopped = true;
    // A new best set: its neighbourhood likely holds the next best, which tightens the cut now.
    else if (found[0] === candidate) improveFound();
  }

  function improveFound(): void {
    if (found.length === 0) return;
    for (const incumbent of localSearch(model, excluded, found, k, (a, b) => compareFound(model, a, b), outOfTime))
      if (hasForced(incumbent.split)) keep(incumbent);
  }

  /** Keeps a valid set among the k best found, once (the local search may have offered it before). */
  function keep(candidate: FoundSet): void {
    if (found.length === k && compareFound(model, candidate, found[k - 1]!) >= 0) return;
    if (found.some((other) => compareFound(model, candidate, other) === 0)) return;
    let slot = found.length === k ? k - 1 : found.length;
    found[slot] = candidate;
    while (slot > 0 && compareFound(model, found[slot]!, found[slot - 1]!) < 0) {
      [found[slot], found[slot - 1]] = [found[slot - 1]!, found[slot]!];
      slot--;
    }
  }

  function descend(depth: number, costSoFar: number): void {
    if (depth === skillCount) {
      recordLeaf();
      return;
    }
    const skill = decisionOrder[depth]!;
    const prices = pricesAtDepth[depth]!;
    prices.set(depth === 0 ? rootPrices : pricesAtDepth[depth - 1]!);
    // The root prices were optimised once before the rounds; each node refines its parent's.
    const nodeBound = optimisePrices(prices, NODE_PRICE_STEPS, costSoFar);
    if (prunable(costSoFar + nodeBound)) return;
    const fixedOut = fixOutByReducedCost(costSoFar, passIsBest ? nodeBound : lagrangianBound(prices));
    descendFrom(depth, skill, prices, costSoFar);
    for (const firm of fixedOut) forbidden[firm]!--;
  }

  /**
   * Reduced-cost fixing: with the node's prices, making a firm join forces it
   * into the relaxation in place of the weakest joiner, raising the
   * Lagrangian bound by (marginal gain − the firm's gain); when that bound
   * is cut, no set below this node contains the firm, so it is forbidden here.
   */
  function fixOutByReducedCost(costSoFar: number, bound: number): number[] {
    const fixedOut: number[] = [];
    if (members.length >= maxMembers) return fixedOut;
    for (let index = 0; index < searchFirms.length; index++) {
      const firm = searchFirms[index]!;
      if (inMembers[firm] || forbidden[firm]) continue;
      const penalty = marginalJoinGain - joinGainOf(index);
      if (penalty > 0 && prunable(costSoFar + bound + penalty)) {
        forbidden[firm]!++;
        fixedOut.push(firm);
      }
    }
    return fixedOut;
  }

  function descendFrom(depth: number, skill: number, prices: Float64Array, costSoFar: number): void {
    decided[skill] = 1;
    decidedCount++;
    const cheapOthers = undecidedLowerBound();
    const lagrangianOthers = lagrangianBound(prices);
    decided[skill] = 0;
    decidedCount--;
    if (cheapOthers === Infinity) return;
    const children = enumerateFills(skill, costSoFar, cheapOthers, lagrangianOthers);
    for (const child of children) {
      if (tick()) return;
      const skipped = apply(skill, child);
      const decidedCost = costSoFar + child.fillCost + coordination * child.newFirms.length;
      // The child's own Lagrangian bound is the first step of its price optimisation; until
      // then, its fill's reduced-cost bound (see enumerateFills) and the per-skill bounds order it.
      child.lowerBound = Math.max(child.lowerBound, decidedCost + undecidedLowerBound());
      undo(skill, child, skipped);
    }
    children.sort((a, b) => a.lowerBound - b.lowerBound);
    if (diving && children.length > DIVE_WIDTH) children.length = DIVE_WIDTH;
    for (const child of children) {
      if (child.lowerBound === Infinity || prunable(child.lowerBound) || tick()) return;
      const skipped = apply(skill, child);
      descend(depth + 1, costSoFar + child.fillCost + coordination * child.newFirms.length);
      undo(skill, child, skipped);
    }
  }

  // Rounds with a growing cost cap: a branch above the cap is not explored, so
  // no node enumerates fills blindly before k sets are known. Once the k-th
  // best found is within the cap, every set cheaper than it has been seen.
  const perSkillRootBound = maxMembers >= Math.max(1, forced.length) ? undecidedLowerBound() : Infinity;
  if (perSkillRootBound === Infinity) return { found, complete: true, nodes };
  for (const incumbent of options.incumbents ?? []) if (hasForced(incumbent.split)) keep(incumbent);
  // No valid set costs more than every unit at its skill's dearest offer plus a full member list,
  // so a cap above that excludes nothing, yet stays finite for the price steps to aim at.
  const ceiling = model.skills.reduce(
    (sum, _, skill) => sum + quantity[skill]! * Math.max(0, ...offerCosts[skill]!),
    Math.max(0, coordination) * maxMembers,
  );
  const ceilingPennies = Math.min(toPennies(ceiling) + 1, limitPennies);
  capPennies = ceilingPennies;
  rootPrices = initialPrices();
  const rootBound = baseCost + Math.max(perSkillRootBound, optimisePrices(rootPrices, ROOT_PRICE_STEPS, baseCost));
  if (prunable(rootBound)) return { found, complete: true, nodes };
  const scale = Math.max(rootBound, 1);
  // The dive: children limited to the first few fills and, of those, the few
  // with the best bounds, within a small node allowance. It is only a way to
  // meet some valid sets early; the local search improves them, and the
  // rounds below then start with a tight k-th best. Sets it records are real
  // valid sets (leaves of the same search), so keeping them is harmless.
  diving = true;
  diveNodeLimit = nodes + DIVE_NODES;
  descend(0, baseCost);
  diving = false;
  if (aborted) return { found, complete: false, nodes };
  stopped = false;
  improveFound();

  for (let widening = 0.002 * scale; ; widening *= 4) {
    capPennies = Math.min(toPennies(Math.min(rootBound + widening, ceiling)) + 1, ceilingPennies);
    descend(0, baseCost);
    if (aborted) return { found, complete: false, nodes };
    if (capPennies >= ceilingPennies || (found.length === k && found[k - 1]!.cents <= capPennies)) break;
    // Neighbours of the sets found so far, to tighten the limit for the next round.
    improveFound();
  }
  return { found, complete: true, nodes };
}

/** Proposal order: pennies, then fewer members, then sorted member ids compared lexicographically. */
export function compareFound(model: MatchModel, a: FoundSet, b: FoundSet): number {
  if (a.cents !== b.cents) return a.cents - b.cents;
  const sizeA = a.split.members.length;
  const sizeB = b.split.members.length;
  if (sizeA !== sizeB) return sizeA - sizeB;
  for (let index = 0; index < sizeA; index++) {
    const difference = model.firms[a.split.members[index]!]!.idRank - model.firms[b.split.members[index]!]!.idRank;
    if (difference !== 0) return difference;
  }
  return 0;
}
