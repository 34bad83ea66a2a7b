/**
 * A lot's match model with more units booked, derived from the model built
 * without them. The cheapest-first baseline solves every lot again on the
 * capacity earlier lots left; building each of those models from all the
 * programme's firms (eligibility, certificates, distances) took most of a
 * large programme's time budget.
 */
import type { MatchModel } from '../eligibility.ts';
import type { BookedUnits } from '../types.ts';

/**
 * What buildMatchModel builds from the same input with `extra` added to its
 * bookings: available(s,k) is linear in the units booked, so each offer loses
 * its firm's booked units; an offer left with none (or a coordinator offer
 * below the quantity, which is never split) goes, and so does a firm left
 * with no offer. Firms keep their order; offers keep their (cost, id) order.
 */
export function withBookings(model: MatchModel, extra: readonly BookedUnits[]): MatchModel {
  const skillCount = model.skills.length;
  const skillIndex = new Map(model.skills.map((entry, index) => [entry.skill, index]));
  // Indexing only the booked firms: a map of every candidate cost more than the rest together.
  const bookedIds = new Set(extra.map((use) => use.smeId));
  const firmIndex = new Map<string, number>();
  model.firms.forEach((candidate, index) => {
    if (bookedIds.has(candidate.firm.id)) firmIndex.set(candidate.firm.id, index);
  });
  const available = model.available.slice();
  const touched = new Set<number>();
  for (const use of extra) {
    const firm = firmIndex.get(use.smeId);
    const skill = skillIndex.get(use.skill);
    if (firm === undefined || skill === undefined || Number.isNaN(model.unitCost[firm * skillCount + skill]!)) continue;
    available[firm * skillCount + skill]! -= use.units;
    touched.add(firm * skillCount + skill);
  }
  // Only booked offers can go; everything else is copied or shared as it is.
  const dropped = new Uint8Array(model.firms.length * skillCount);
  const droppedSkills = new Set<number>();
  for (const at of touched) {
    const skill = at % skillCount;
    const units = available[at]!;
    if (units > 0 && (!model.skills[skill]!.unsplit || units >= model.skills[skill]!.quantity)) continue;
    dropped[at] = 1;
    droppedSkills.add(skill);
  }
  const unitCost = model.unitCost.slice();
  for (const at of touched) {
    if (!dropped[at]) continue;
    unitCost[at] = Number.NaN;
    available[at] = 0;
  }
  const gone = new Set<number>();
  for (const at of touched) {
    const firm = Math.floor(at / skillCount);
    let offers = 0;
    for (let skill = 0; skill < skillCount; skill++)
      if (!Number.isNaN(unitCost[firm * skillCount + skill]!)) offers += 1;
    if (offers === 0) gone.add(firm);
  }
  const offersOf = (skill: number) => {
    const offers = model.offers[skill]!;
    if (!droppedSkills.has(skill)) {
      const left = new Float64Array(offers.firms.length);
      for (let position = 0; position < left.length; position++)
        left[position] = available[offers.firms[position]! * skillCount + skill]!;
      return { ...offers, available: left };
    }
    const positions = [...offers.firms.keys()].filter(
      (position) => !dropped[offers.firms[position]! * skillCount + skill],
    );
    return {
      firms: Int32Array.from(positions, (position) => offers.firms[position]!),
      unitCosts: Float64Array.from(positions, (position) => offers.unitCosts[position]!),
      available: Float64Array.from(positions, (position) => available[offers.firms[position]! * skillCount + skill]!),
    };
  };
  const derived: MatchModel = {
    lot: model.lot,
    skills: model.skills,
    firms: model.firms,
    offers: model.skills.map((_, skill) => offersOf(skill)),
    unitCost,
    available,
  };
  return gone.size === 0 ? derived : withoutFirms(derived, gone);
}

/** The model without the given candidates (they have no offer left): the rest renumbered in order, id ranks closed up. */
function withoutFirms(model: MatchModel, gone: ReadonlySet<number>): MatchModel {
  const skillCount = model.skills.length;
  const kept = [...model.firms.keys()].filter((firm) => !gone.has(firm));
  const renumbered = new Int32Array(model.firms.length).fill(-1);
  kept.forEach((firm, index) => (renumbered[firm] = index));
  const idRank = new Int32Array(kept.length);
  [...kept.keys()]
    .sort((a, b) => model.firms[kept[a]!]!.idRank - model.firms[kept[b]!]!.idRank)
    .forEach((index, rank) => (idRank[index] = rank));
  const unitCost = new Float64Array(kept.length * skillCount);
  const available = new Float64Array(kept.length * skillCount);
  kept.forEach((firm, index) => {
    unitCost.set(model.unitCost.subarray(firm * skillCount, (firm + 1) * skillCount), index * skillCount);
    available.set(model.available.subarray(firm * skillCount, (firm + 1) * skillCount), index * skillCount);
  });
  return {
    lot: model.lot,
    skills: model.skills,
    firms: kept.map((firm, index) => ({ ...model.firms[firm]!, idRank: idRank[index]! })),
    offers: model.offers.map((offers) => ({ ...offers, firms: offers.firms.map((firm) => renumbered[firm]!) })),
    unitCost,
    available,
  };
}
