/**
 * Deciding one skill: every way to fill it from the members plus joining
 * non-members (each joiner used by the fill), and applying or undoing one
 * such fill on the branch.
 */
import { joinersNeeded } from './bounds.ts';
import { prunable, tick, type SearchState } from './state.ts';

export interface Child {
  newFirms: number[];
  fillCost: number;
  marginal: number;
  lowerBound: number;
}

/** Diving, at most this many fills are generated per node. */
const DIVE_CHILDREN = 12;

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
export function enumerateFills(
  state: SearchState,
  skill: number,
  costSoFar: number,
  cheapOthers: number,
  lagrangianOthers: number,
): Child[] {
  const { model, skillCount, members, inMembers, forbidden, maxMembers, joinGain, joinGainPass, coordination } = state;
  const { quantity, offerFirms, offerCosts, offerAvailable, largestUnitsFrom, searchIndex } = state.tables;
  const children: Child[] = [];
  const theta = state.marginalJoinGain;
  const boundBase = costSoFar + Math.max(cheapOthers, lagrangianOthers);
  const lagrangianBase = costSoFar + lagrangianOthers;
  const gainPass = state.pass;
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
      if (state.stopped || (state.diving && children.length >= DIVE_CHILDREN)) return;
      const firm = firms[position]!;
      const cost = costs[position]!;
      if (inMembers[firm]) {
        membersAhead -= Math.min(available[position]!, quantity[skill]!);
        const take = Math.min(need, available[position]!);
        fillCost += take * cost;
        need -= take;
        if (need === 0) {
          if (position < mustReach) return;
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
      if (prunable(state, boundBase + fillCost + need * cost)) return;
      if (prunable(state, lagrangianBase + penalties + fillCost + need * cost)) return;
      const penalty = penaltyOf(firm);
      if (prunable(state, lagrangianBase + penalties + penalty + fillCost + need * cost)) continue;
      // The free member slots, filled with the largest offers from here on, must still cover the need.
      if (need > membersAhead + (maxMembers - members.length - joining.length) * largestAhead[position]!) return;
      if (members.length + joining.length >= maxMembers || joining.length >= joinerLimit) continue;
      tick(state);
      const take = Math.min(need, available[position]!);
      joining.push(firm);
      if (take === need) {
        if (position < mustReach) {
          joining.pop();
          continue;
        }
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
  const mustReach = forcedReach(state, skill);
  // Diving, only fills with the fewest joiners possible: they leave the most member slots for the other skills.
  const joinerLimit = state.diving ? joinersNeeded(state, skill) : Infinity;
  extend(0, quantity[skill]!, 0, membersUnits, 0);
  return children;
}

/**
 * The fill position a fill of `skill` must reach: a forced firm that no
 * decided fill uses and that offers no skill decided after this one works
 * only if this fill reaches its offer (a set where it is idle is the set
 * without it, which the search with it forced does not stand for). −1 when
 * no such firm.
 */
function forcedReach(state: SearchState, skill: number): number {
  const { forced, forcedLastDepth, forcedPositions, forcedWorks, decidedCount } = state;
  let reach = -1;
  for (let index = 0; index < forced.length; index++) {
    if (forcedLastDepth[index] === decidedCount && forcedWorks[index] === 0)
      reach = Math.max(reach, forcedPositions[index]![skill]!);
  }
  return reach;
}

/** Counts, per forced firm, the decided fills that use it (the fill reaches its offer). */
function countForcedWork(state: SearchState, skill: number, child: Child, step: 1 | -1): void {
  const { forced, forcedPositions, forcedWorks } = state;
  for (let index = 0; index < forced.length; index++) {
    const position = forcedPositions[index]![skill]!;
    if (position >= 0 && position <= child.marginal) forcedWorks[index]! += step;
  }
}

/** Adds the child's firms, forbids the offers it skipped; returns the firms to un-forbid. */
export function applyChild(state: SearchState, skill: number, child: Child): number[] {
  const { inMembers, members, forbidden } = state;
  for (const firm of child.newFirms) {
    inMembers[firm] = 1;
    members.push(firm);
  }
  state.decided[skill] = 1;
  state.decidedCount++;
  countForcedWork(state, skill, child, 1);
  const skipped: number[] = [];
  const firms = state.tables.offerFirms[skill]!;
  for (let position = 0; position < child.marginal; position++) {
    const firm = firms[position]!;
    if (inMembers[firm]) continue;
    forbidden[firm]!++;
    skipped.push(firm);
  }
  return skipped;
}

export function undoChild(state: SearchState, skill: number, child: Child, skipped: readonly number[]): void {
  for (const firm of skipped) state.forbidden[firm]!--;
  countForcedWork(state, skill, child, -1);
  state.decided[skill] = 0;
  state.decidedCount--;
  for (let index = 0; index < child.newFirms.length; index++) state.inMembers[state.members.pop()!] = 0;
}
