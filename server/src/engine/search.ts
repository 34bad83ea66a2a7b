/**
 * Exact top-k enumeration of member sets by depth-first branch and bound.
 *
 * Every valid member set M (each member works in M's canonical split) has
 * exactly one *fill tuple*: for each required skill, T_k = the members that
 * canonical split uses for k, i.e. a prefix of M's offers in (cost, id)
 * order. The search decides skills one at a time (coordinator first, then
 * the skills with fewest offers); deciding skill k picks which non-members
 * join to fill it and marks the marginal position, the last offer used. A
 * non-member offer *before* that position is then forbidden for the rest of
 * the branch (had it been a member, the fill would have used it), and one
 * after it may still join later without changing T_k. So every path ends in
 * the tuple of a valid set, and every valid set within the member limit is
 * reached by exactly one path: no duplicates and no omissions.
 *
 * A branch is cut only when a lower bound on every set below it, rounded
 * down to the penny, exceeds the k-th best cost found (equal pennies are
 * kept, so the size and id tie-breaks are decided on real sets). The bound:
 * the decided fills and members' coordination, plus, for each undecided
 * skill, the cheapest fractional fill from members and allowed non-members,
 * where a non-member's coordination cost is shared out over the r required
 * skills it can supply (coordination / (r × usable units) per unit). A new
 * member pays its coordination once in full but is charged at most r shares
 * of 1/r, so the bound never exceeds the true cost. Removing dominated firms
 * first (dominance.ts) does not change the answer either. Hence, when the
 * search finishes, the k sets kept are exactly the k best; when the time
 * budget stops it, they are only the best found (status "timedout").
 */
import { toPennies } from '@lepa/shared';
import type { MatchModel } from './eligibility.ts';
import { canonicalSplit, type Split } from './split.ts';

export interface FoundSet {
  split: Split;
  cents: number;
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

export function searchTopK(
  model: MatchModel,
  excluded: Uint8Array,
  k: number,
  outOfTime: () => boolean,
): SearchOutcome {
  const skillCount = model.skills.length;
  const firmCount = model.firms.length;
  const { maxMembers, coordinationCostPerMember: coordination } = model.lot;
  const quantity = model.skills.map((skill) => skill.quantity);

  // Offers of the firms still in play, in fill order.
  const offerFirms: Int32Array[] = [];
  const offerCosts: Float64Array[] = [];
  const offerAvailable: Float64Array[] = [];
  const skillsOfFirm = new Int32Array(firmCount);
  model.offers.forEach((offers, skill) => {
    const keep: number[] = [];
    offers.firms.forEach((firm, position) => {
      if (excluded[firm]) return;
      keep.push(position);
      skillsOfFirm[firm]!++;
    });
    offerFirms.push(Int32Array.from(keep, (position) => offers.firms[position]!));
    offerCosts.push(Float64Array.from(keep, (position) => offers.unitCosts[position]!));
    offerAvailable.push(Float64Array.from(keep, (position) => offers.available[position]!));
  });

  // Offers for the lower bound: usable units, and cost with the shared-out coordination charge.
  const boundFirms: Int32Array[] = [];
  const boundCosts: Float64Array[] = [];
  const boundUnits: Float64Array[] = [];
  for (let skill = 0; skill < skillCount; skill++) {
    const firms = offerFirms[skill]!;
    const entries = Array.from(firms, (firm, position) => {
      const units = Math.min(offerAvailable[skill]![position]!, quantity[skill]!);
      return { firm, units, cost: offerCosts[skill]![position]! + coordination / (skillsOfFirm[firm]! * units) };
    }).sort((a, b) => a.cost - b.cost);
    boundFirms.push(Int32Array.from(entries, (entry) => entry.firm));
    boundCosts.push(Float64Array.from(entries, (entry) => entry.cost));
    boundUnits.push(Float64Array.from(entries, (entry) => entry.units));
  }

  const decisionOrder = model.skills
    .map((_, skill) => skill)
    .sort(
      (a, b) =>
        Number(model.skills[b]!.unsplit) - Number(model.skills[a]!.unsplit) ||
        offerFirms[a]!.length - offerFirms[b]!.length,
    );

  const inMembers = new Uint8Array(firmCount);
  const forbidden = new Int32Array(firmCount);
  const decided = new Uint8Array(skillCount);
  const members: number[] = [];
  const found: FoundSet[] = [];
  let nodes = 0;
  let aborted = false;

  const memberCosts = new Float64Array(Math.max(1, Math.min(maxMembers, firmCount)));
  const memberUnits = new Float64Array(memberCosts.length);

  function prunable(lowerBound: number): boolean {
    return found.length === k && lowestPennies(lowerBound) > found[k - 1]!.cents;
  }

  function tick(): boolean {
    nodes++;
    if (!aborted && nodes % CLOCK_CHECK_EVERY === 0 && outOfTime()) aborted = true;
    return aborted;
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

  function undecidedLowerBound(): number {
    let total = 0;
    for (let skill = 0; skill < skillCount; skill++) {
      if (decided[skill]) continue;
      total += skillLowerBound(skill);
      if (total === Infinity) return total;
    }
    return total;
  }

  /** Adds the child's firms, forbids the offers it skipped; returns the firms to un-forbid. */
  function apply(skill: number, child: Child): number[] {
    for (const firm of child.newFirms) {
      inMembers[firm] = 1;
      members.push(firm);
    }
    decided[skill] = 1;
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
    for (let index = 0; index < child.newFirms.length; index++) inMembers[members.pop()!] = 0;
  }

  /** Every way to fill `skill` from members plus joining non-members, each joiner used by the fill. */
  function enumerateFills(skill: number, boundBase: number): Child[] {
    const children: Child[] = [];
    const firms = offerFirms[skill]!;
    const costs = offerCosts[skill]!;
    const available = offerAvailable[skill]!;
    const joining: number[] = [];
    const extend = (start: number, need: number, fillCost: number): void => {
      for (let position = start; position < firms.length; position++) {
        if (aborted) return;
        const firm = firms[position]!;
        const cost = costs[position]!;
        if (inMembers[firm]) {
          const take = Math.min(need, available[position]!);
          fillCost += take * cost;
          need -= take;
          if (need === 0) {
            children.push({ newFirms: [...joining], fillCost, marginal: position, lowerBound: 0 });
            return;
          }
          continue;
        }
        if (forbidden[firm]) continue;
        // Every remaining unit costs at least this offer's price from here on.
        if (prunable(boundBase + fillCost + need * cost)) return;
        if (members.length + joining.length >= maxMembers) continue;
        tick();
        const take = Math.min(need, available[position]!);
        joining.push(firm);
        if (take === need) {
          children.push({ newFirms: [...joining], fillCost: fillCost + take * cost, marginal: position, lowerBound: 0 });
        } else {
          extend(position + 1, need - take, fillCost + take * cost);
        }
        joining.pop();
      }
    };
    extend(0, quantity[skill]!, 0);
    return children;
  }

  function recordLeaf(): void {
    const outcome = canonicalSplit(model, members);
    if (!outcome.covered || outcome.idle.length > 0) return; // unreachable by construction; kept as a guard
    const candidate = { split: outcome.split, cents: toPennies(outcome.split.rawCost) };
    if (found.length === k && compareFound(model, candidate, found[k - 1]!) >= 0) return;
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
    decided[skill] = 1;
    const othersBound = undecidedLowerBound();
    decided[skill] = 0;
    if (othersBound === Infinity) return;
    const children = enumerateFills(skill, costSoFar + othersBound);
    for (const child of children) {
      const skipped = apply(skill, child);
      child.lowerBound = costSoFar + child.fillCost + coordination * child.newFirms.length + undecidedLowerBound();
      undo(skill, child, skipped);
    }
    children.sort((a, b) => a.lowerBound - b.lowerBound);
    for (const child of children) {
      if (child.lowerBound === Infinity || prunable(child.lowerBound) || tick()) return;
      const skipped = apply(skill, child);
      descend(depth + 1, costSoFar + child.fillCost + coordination * child.newFirms.length);
      undo(skill, child, skipped);
    }
  }

  if (maxMembers >= 1) descend(0, 0);
  return { found, complete: !aborted, nodes };
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
