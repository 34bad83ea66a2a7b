/**
 * The Lagrangian bound on what the undecided skills add (prices on their
 * cover constraints), its subgradient price steps, and reduced-cost fixing.
 */
import { cutPennies, prunable, type SearchState } from './state.ts';

/** A firm the last pass did not visit has no undecided offer: joining earns nothing and costs its coordination. */
export function joinGainOf(state: SearchState, index: number): number {
  return state.joinGainPass[index] === state.pass ? state.joinGain[index]! : -state.coordination;
}

function addSupply(state: SearchState, index: number, prices: Float64Array): void {
  const { offerStart, firmOfferSkill, firmOfferCost, firmOfferUnits } = state.tables;
  const { decided, supplied } = state;
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
export function lagrangianBound(state: SearchState, prices: Float64Array): number {
  const { skillCount, decided, supplied, forbidden, inMembers, joinGain, joinGainPass, touchedFirms } = state;
  const { topGains, topFirms, coordination } = state;
  const { quantity, decisionOrder, offerFirms, offerCosts, offerUsable, searchIndex, searchFirms } = state.tables;
  let total = 0;
  for (let skill = 0; skill < skillCount; skill++) {
    supplied[skill] = 0;
    if (!decided[skill]) total += prices[skill]! * quantity[skill]!;
  }
  // Only offers priced below their skill's price earn anything: walk each undecided
  // skill's offers, cheapest first, up to its price; every other firm earns nothing.
  const pass = ++state.pass;
  let touched = 0;
  for (let depth = state.decidedCount; depth < skillCount; depth++) {
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
  const slots = state.maxMembers - state.members.length;
  let topCount = 0;
  for (let next = 0; next < touched; next++) {
    const index = touchedFirms[next]!;
    const firm = searchFirms[index]!;
    let gain = joinGain[index]!;
    if (inMembers[firm]) {
      total -= gain;
      addSupply(state, index, prices);
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
  state.marginalJoinGain = topCount === slots && slots > 0 ? topGains[slots - 1]! : 0;
  for (let slot = 0; slot < topCount; slot++) {
    total -= topGains[slot]!;
    addSupply(state, topFirms[slot]!, prices);
  }
  return total;
}

/** Subgradient steps on the prices (Polyak steps towards `aimPennies`, by default the pruning threshold); keeps the best. */
export function optimisePrices(
  state: SearchState,
  prices: Float64Array,
  iterations: number,
  costSoFar: number,
  aimPennies?: number,
): number {
  const { skillCount, decided, supplied } = state;
  const { quantity } = state.tables;
  const best = state.bestPricesAtDepth[state.decidedCount]!;
  best.set(prices);
  let bestBound = -Infinity;
  let bestPass = -1;
  let stepScale = 1;
  for (let iteration = 0; iteration < iterations; iteration++) {
    const bound = lagrangianBound(state, prices);
    if (bound > bestBound) {
      bestBound = bound;
      bestPass = state.pass;
      best.set(prices);
    }
    if (prunable(state, costSoFar + bound)) break;
    let norm = 0;
    for (let skill = 0; skill < skillCount; skill++) {
      if (decided[skill]) continue;
      const gap = quantity[skill]! - supplied[skill]!;
      norm += gap * gap;
    }
    if (norm === 0) break;
    const target = (aimPennies ?? cutPennies(state)) / 100;
    const step = (stepScale * Math.max(target - costSoFar - bound, 1e-6 * (costSoFar + Math.abs(bound) + 1))) / norm;
    for (let skill = 0; skill < skillCount; skill++) {
      if (decided[skill]) continue;
      prices[skill] = Math.max(0, prices[skill]! + step * (quantity[skill]! - supplied[skill]!));
    }
    stepScale *= 0.85;
  }
  prices.set(best);
  // The last pass's join gains are those of the best prices unless a later, worse pass overwrote them.
  state.passIsBest = bestPass === state.pass;
  return bestBound;
}

/** Starting prices: each skill's plain marginal unit cost over every offer. */
export function initialPrices(state: SearchState): Float64Array {
  const { quantity, offerCosts, offerAvailable } = state.tables;
  return Float64Array.from(state.model.skills, (_, skill) => {
    let need = quantity[skill]!;
    const costs = offerCosts[skill]!;
    for (let position = 0; position < costs.length; position++) {
      need -= Math.min(need, offerAvailable[skill]![position]!);
      if (need === 0) return costs[position]!;
    }
    return costs.length > 0 ? costs[costs.length - 1]! : 0;
  });
}

/**
 * Reduced-cost fixing: with the node's prices, making a firm join forces it
 * into the relaxation in place of the weakest joiner, raising the
 * Lagrangian bound by (marginal gain − the firm's gain); when that bound
 * is cut, no set below this node contains the firm, so it is forbidden here.
 * Returns the firms to un-forbid.
 */
export function fixOutByReducedCost(state: SearchState, costSoFar: number, bound: number): number[] {
  const { inMembers, forbidden } = state;
  const { searchFirms } = state.tables;
  const fixedOut: number[] = [];
  if (state.members.length >= state.maxMembers) return fixedOut;
  for (let index = 0; index < searchFirms.length; index++) {
    const firm = searchFirms[index]!;
    if (inMembers[firm] || forbidden[firm]) continue;
    const penalty = state.marginalJoinGain - joinGainOf(state, index);
    if (penalty > 0 && prunable(state, costSoFar + bound + penalty)) {
      forbidden[firm]!++;
      fixedOut.push(firm);
    }
  }
  return fixedOut;
}
