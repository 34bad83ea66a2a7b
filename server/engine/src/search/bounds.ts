/**
 * The per-skill lower bounds on what the undecided skills add below a node
 * (see search.ts): shared-coordination fractional fills, plain fills plus
 * the joiners the neediest skill needs, and the member-slot feasibility test.
 */
import type { SearchState } from './state.ts';

/** Cheapest fractional fill of an undecided skill under the current branch, coordination shared out. */
export function skillLowerBound(state: SearchState, skill: number): number {
  const { model, skillCount, members, inMembers, forbidden, maxMembers, memberCosts, memberUnits } = state;
  const { quantity, boundFirms, boundCosts, boundUnits } = state.tables;
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
export function plainFill(state: SearchState, skill: number): number {
  const { members, inMembers, forbidden, maxMembers } = state;
  const { quantity, offerFirms, offerCosts, offerAvailable } = state.tables;
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
export function joinersNeeded(state: SearchState, skill: number): number {
  const { model, skillCount, members, inMembers, forbidden } = state;
  const { quantity, largestFirms, largestUnits } = state.tables;
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
 * coordination shared out (search.ts header), and plain fills plus the
 * coordination of the joiners the neediest skill requires on its own.
 */
export function undecidedLowerBound(state: SearchState): number {
  const { skillCount, decided, maxMembers, members, coordination } = state;
  let shared = 0;
  let plain = 0;
  let joiners = 0;
  const slots = maxMembers - members.length;
  for (let skill = 0; skill < skillCount; skill++) {
    if (decided[skill]) continue;
    const needed = joinersNeeded(state, skill);
    if (needed > slots) return Infinity;
    joiners = Math.max(joiners, needed);
    shared += skillLowerBound(state, skill);
    plain += plainFill(state, skill);
  }
  return Math.max(shared, plain + coordination * joiners);
}
