/**
 * Keeping a lot's model across firm changes instead of building it again:
 * building it reads every firm that can reach the lot (thousands in a
 * region), while a change touches one or two of them.
 */
import { noteModelUpdate } from './dominance.ts';
import { buildMatchModel, type MatchModel, type SkillOffers } from './eligibility.ts';
import { float64Of, int32Of } from './typed.ts';
import type { EngineInput } from './types.ts';

/**
 * What buildMatchModel(input) builds, from `model` built for the same lot on
 * an input that differs only in the firms named in `changedIds` (their
 * profiles or their bookings): the changed firms' rows and the offer lists
 * of the skills they supply or supplied are replaced, everything else is
 * shared with `model` (never mutated). Candidates keep their positions, so
 * the result equals a fresh build up to the order of its firms, which the
 * engine reads only through id ranks and the offer lists' (cost, id) order.
 * The result is never mutated either: what the engine derives from a model
 * (dominance.ts) is kept with it.
 * Undefined when a changed firm becomes or stops being a candidate (every
 * position and id rank after it would move): build the model afresh then.
 */
export function updateMatchModel(
  model: MatchModel,
  input: EngineInput,
  changedIds: ReadonlySet<string>,
): MatchModel | undefined {
  if (changedIds.size === 0) return model;
  const changed = buildMatchModel({
    lot: input.lot,
    firms: input.firms.filter((firm) => changedIds.has(firm.id)),
    booked: input.booked.filter((entry) => changedIds.has(entry.smeId)),
  });
  const freshAt = new Map(changed.firms.map((candidate, index) => [candidate.firm.id, index]));
  const skillCount = model.skills.length;
  const firms = [...model.firms];
  const unitCost = model.unitCost.slice();
  const available = model.available.slice();
  const patched = new Set<number>();
  const touchedSkills = new Set<number>();
  let seen = 0;
  for (let position = 0; position < firms.length; position++) {
    const candidate = firms[position]!;
    if (!changedIds.has(candidate.firm.id)) continue;
    seen += 1;
    const fresh = freshAt.get(candidate.firm.id);
    if (fresh === undefined) return undefined;
    const now = changed.firms[fresh]!;
    firms[position] = {
      firm: now.firm,
      distanceKm: now.distanceKm,
      socialValue: now.socialValue,
      idRank: candidate.idRank,
    };
    for (let skill = 0; skill < skillCount; skill++) {
      const at = position * skillCount + skill;
      const from = fresh * skillCount + skill;
      if (!Number.isNaN(unitCost[at]!) || !Number.isNaN(changed.unitCost[from]!)) touchedSkills.add(skill);
      unitCost[at] = changed.unitCost[from]!;
      available[at] = changed.available[from]!;
    }
    patched.add(position);
  }
  // A changed firm that is a candidate now but was not before.
  if (seen !== changed.firms.length) return undefined;

  const offers = model.offers.map((list, skill) =>
    touchedSkills.has(skill) ? reorderedOffers(list, skill, skillCount, patched, unitCost, available, firms) : list,
  );
  const updated = { lot: input.lot, skills: model.skills, firms, offers, unitCost, available };
  // The firms' dominator counts follow from the model's, recounting only what the patched firms touch.
  noteModelUpdate(updated, model, patched);
  return updated;
}

/** A skill's offer list with the patched firms taken out and put back where their new (cost, id) sorts. */
function reorderedOffers(
  list: SkillOffers,
  skill: number,
  skillCount: number,
  patched: ReadonlySet<number>,
  unitCost: Float64Array,
  available: Float64Array,
  firms: MatchModel['firms'],
): SkillOffers {
  const order: number[] = [];
  for (const firm of list.firms) if (!patched.has(firm)) order.push(firm);
  const costOf = (firm: number) => unitCost[firm * skillCount + skill]!;
  const before = (a: number, b: number) =>
    costOf(a) < costOf(b) || (costOf(a) === costOf(b) && firms[a]!.idRank < firms[b]!.idRank);
  for (const firm of patched) {
    if (Number.isNaN(costOf(firm))) continue;
    let low = 0;
    let high = order.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (before(order[middle]!, firm)) low = middle + 1;
      else high = middle;
    }
    order.splice(low, 0, firm);
  }
  return {
    firms: int32Of(order.length, (position) => order[position]!),
    unitCosts: float64Of(order.length, (position) => costOf(order[position]!)),
    available: float64Of(order.length, (position) => available[order[position]! * skillCount + skill]!),
  };
}
