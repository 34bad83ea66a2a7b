/**
 * The search's read-only tables, built once per search from the match model
 * and the firms still in play (not excluded by dominance): offers per skill
 * in fill order, the same for the per-skill lower bound and by size, each
 * firm's offers for the Lagrangian passes, and the order skills are decided in.
 */
import type { MatchModel } from './eligibility.ts';
import { float64Of, int32Of } from './typed.ts';

export interface SearchTables {
  quantity: number[];
  /** offers of the firms in play, in fill order */
  offerFirms: Int32Array[];
  offerCosts: Float64Array[];
  offerAvailable: Float64Array[];
  /** min(available, quantity): the units an offer can contribute */
  offerUsable: Float64Array[];
  /** offers for the per-skill bound: usable units, and cost with the shared-out coordination charge */
  boundFirms: Int32Array[];
  boundCosts: Float64Array[];
  boundUnits: Float64Array[];
  /** offers by usable units, largest first */
  largestFirms: Int32Array[];
  largestUnits: Float64Array[];
  /** per skill, the largest usable units at or after each fill position */
  largestUnitsFrom: Float64Array[];
  /** the firms in play with an offer; `searchIndex` maps a model firm to its place here (−1 when none) */
  searchFirms: number[];
  searchIndex: Int32Array;
  /** each searchable firm's offers at [offerStart[i], offerStart[i + 1]) */
  offerStart: Int32Array;
  firmOfferSkill: number[];
  firmOfferCost: number[];
  firmOfferUnits: number[];
  decisionOrder: number[];
}

export function buildSearchTables(
  model: MatchModel,
  excluded: Uint8Array,
  forced: readonly number[] = [],
): SearchTables {
  const skillCount = model.skills.length;
  const firmCount = model.firms.length;
  const { coordinationCostPerMember: coordination } = model.lot;
  const quantity = model.skills.map((skill) => skill.quantity);

  // Offers of the firms still in play, in fill order.
  const offerFirms: Int32Array[] = [];
  const offerCosts: Float64Array[] = [];
  const offerAvailable: Float64Array[] = [];
  /** min(available, quantity): the units an offer can contribute. */
  const offerUsable: Float64Array[] = [];
  const skillsOfFirm = new Int32Array(firmCount);
  for (let skill = 0; skill < skillCount; skill++) {
    const offers = model.offers[skill]!;
    let kept = 0;
    for (let position = 0; position < offers.firms.length; position++) if (!excluded[offers.firms[position]!]) kept++;
    const firms = new Int32Array(kept);
    const costs = new Float64Array(kept);
    const available = new Float64Array(kept);
    const usable = new Float64Array(kept);
    let at = 0;
    for (let position = 0; position < offers.firms.length; position++) {
      const firm = offers.firms[position]!;
      if (excluded[firm]) continue;
      skillsOfFirm[firm]!++;
      firms[at] = firm;
      costs[at] = offers.unitCosts[position]!;
      available[at] = offers.available[position]!;
      usable[at] = Math.min(offers.available[position]!, quantity[skill]!);
      at++;
    }
    offerFirms.push(firms);
    offerCosts.push(costs);
    offerAvailable.push(available);
    offerUsable.push(usable);
  }

  // Offers for the lower bound: usable units, and cost with the shared-out coordination charge
  // (ties keep the fill order: the sort is stable).
  const boundFirms: Int32Array[] = [];
  const boundCosts: Float64Array[] = [];
  const boundUnits: Float64Array[] = [];
  for (let skill = 0; skill < skillCount; skill++) {
    const firms = offerFirms[skill]!;
    const units = offerUsable[skill]!;
    const cost = new Float64Array(firms.length);
    for (let position = 0; position < firms.length; position++)
      cost[position] =
        offerCosts[skill]![position]! + coordination / (skillsOfFirm[firms[position]!]! * units[position]!);
    const order = positionsSortedBy(firms.length, (a, b) => cost[a]! - cost[b]!);
    boundFirms.push(int32Of(order.length, (at) => firms[order[at]!]!));
    boundCosts.push(float64Of(order.length, (at) => cost[order[at]!]!));
    boundUnits.push(float64Of(order.length, (at) => units[order[at]!]!));
  }

  // Offers by usable units, largest first: how few joiners could still cover a skill.
  const largestFirms: Int32Array[] = [];
  const largestUnits: Float64Array[] = [];
  for (let skill = 0; skill < skillCount; skill++) {
    const order = positionsByLargest(offerAvailable[skill]!);
    largestFirms.push(int32Of(order.length, (at) => offerFirms[skill]![order[at]!]!));
    largestUnits.push(float64Of(order.length, (at) => offerUsable[skill]![order[at]!]!));
  }

  // Each searchable firm's offers, for the Lagrangian bound.
  const searchFirms: number[] = [];
  const searchIndex = new Int32Array(firmCount).fill(-1);
  for (let firm = 0; firm < firmCount; firm++) {
    if (!excluded[firm] && skillsOfFirm[firm]! > 0) {
      searchIndex[firm] = searchFirms.length;
      searchFirms.push(firm);
    }
  }
  const offerStart = new Int32Array(searchFirms.length + 1);
  const firmOfferSkill: number[] = [];
  const firmOfferCost: number[] = [];
  const firmOfferUnits: number[] = [];
  searchFirms.forEach((firm, index) => {
    for (let skill = 0; skill < skillCount; skill++) {
      const at = firm * skillCount + skill;
      if (Number.isNaN(model.unitCost[at]!)) continue;
      firmOfferSkill.push(skill);
      firmOfferCost.push(model.unitCost[at]!);
      firmOfferUnits.push(Math.min(model.available[at]!, quantity[skill]!));
    }
    offerStart[index + 1] = firmOfferSkill.length;
  });

  // Per skill, the largest usable units at or after each fill position.
  const largestUnitsFrom = offerAvailable.map((available, skill) => {
    const largest = new Float64Array(available.length + 1);
    for (let position = available.length - 1; position >= 0; position--) {
      largest[position] = Math.max(largest[position + 1]!, Math.min(available[position]!, quantity[skill]!));
    }
    return largest;
  });

  // Decide first the skills a forced firm offers: a forced firm must work, so once its
  // skills are decided a branch where it does not is cut (fills.ts), as high up as possible.
  // Then the skills that need the most firms, then the costliest: they shape the member
  // set most, so their bounds cut earliest.
  const offeredByForced = (skill: number): boolean =>
    forced.some((firm) => !Number.isNaN(model.unitCost[firm * skillCount + skill]!));
  const firmsToCover = (skill: number): number => {
    let need = quantity[skill]!;
    let firms = 0;
    for (const units of largestUnits[skill]!) {
      firms++;
      need -= units;
      if (need <= 0) break;
    }
    return firms;
  };
  const cheapestFillCost = (skill: number): number => {
    let need = quantity[skill]!;
    let cost = 0;
    for (let position = 0; position < offerCosts[skill]!.length && need > 0; position++) {
      const take = Math.min(need, offerAvailable[skill]![position]!);
      cost += take * offerCosts[skill]![position]!;
      need -= take;
    }
    return cost;
  };
  const decisionOrder = model.skills
    .map((_, skill) => skill)
    .sort(
      (a, b) =>
        Number(offeredByForced(b)) - Number(offeredByForced(a)) ||
        Number(model.skills[b]!.unsplit) - Number(model.skills[a]!.unsplit) ||
        firmsToCover(b) - firmsToCover(a) ||
        cheapestFillCost(b) - cheapestFillCost(a),
    );

  return {
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
  };
}

/** Positions 0 … count − 1 in the order `compare` gives, ties in position order (the sort is stable). */
function positionsSortedBy(count: number, compare: (a: number, b: number) => number): number[] {
  const order = new Array<number>(count);
  for (let position = 0; position < count; position++) order[position] = position;
  return order.sort(compare);
}

const POSITION_BITS = 2 ** 21;
const MOST_UNITS = 2 ** 31;

/**
 * Positions by units, largest first, ties in position order. Units are
 * whole numbers (availableUnits), so each position and its units fit one
 * exact number and the typed array's own numeric sort orders them, several
 * times faster than a comparator; other units take the comparator.
 */
export function positionsByLargest(units: Float64Array): number[] {
  const count = units.length;
  const whole =
    count < POSITION_BITS && units.every((value) => Number.isInteger(value) && value >= 0 && value < MOST_UNITS);
  if (!whole) return positionsSortedBy(count, (a, b) => units[b]! - units[a]!);
  const keys = new Float64Array(count);
  for (let position = 0; position < count; position++)
    keys[position] = (MOST_UNITS - 1 - units[position]!) * POSITION_BITS + position;
  keys.sort();
  const order = new Array<number>(count);
  for (let at = 0; at < count; at++) order[at] = keys[at]! % POSITION_BITS;
  return order;
}
