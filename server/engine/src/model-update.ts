/**
 * Keeping a lot's model across firm changes instead of building it again:
 * building it reads every firm that can reach the lot (thousands in a
 * region), while a change touches one or two of them.
 */
import { noteModelUpdate } from './dominance.ts';
import { buildMatchModel, type MatchModel, type SkillOffers } from './eligibility.ts';
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

/**
 * A skill's offer list with the patched firms taken out and put back where their new (cost, id) sorts:
 * one merge of the unpatched offers (already in order) with the few patched ones, written straight into
 * the new list.
 */
function reorderedOffers(
  list: SkillOffers,
  skill: number,
  skillCount: number,
  patched: ReadonlySet<number>,
  unitCost: Float64Array,
  available: Float64Array,
  firms: MatchModel['firms'],
): SkillOffers {
  const costOf = (firm: number) => unitCost[firm * skillCount + skill]!;
  const before = (a: number, b: number) =>
    costOf(a) < costOf(b) || (costOf(a) === costOf(b) && firms[a]!.idRank < firms[b]!.idRank);
  const entering = [...patched].filter((firm) => !Number.isNaN(costOf(firm))).sort((a, b) => (before(a, b) ? -1 : 1));
  let leaving = 0;
  for (const firm of list.firms) if (patched.has(firm)) leaving++;
  const length = list.firms.length - leaving + entering.length;
  const order = new Int32Array(length);
  const unitCosts = new Float64Array(length);
  const units = new Float64Array(length);
  let next = 0;
  let at = 0;
  const put = (firm: number, cost: number, free: number) => {
    order[at] = firm;
    unitCosts[at] = cost;
    units[at] = free;
    at++;
  };
  for (let position = 0; position < list.firms.length; position++) {
    const firm = list.firms[position]!;
    if (patched.has(firm)) continue;
    while (next < entering.length && before(entering[next]!, firm)) {
      const joining = entering[next++]!;
      put(joining, costOf(joining), available[joining * skillCount + skill]!);
    }
    put(firm, list.unitCosts[position]!, list.available[position]!);
  }
  for (; next < entering.length; next++) {
    const joining = entering[next]!;
    put(joining, costOf(joining), available[joining * skillCount + skill]!);
  }
  return { firms: order, unitCosts, available: units };
}
