/**
 * Keeping a lot's model across firm changes instead of building it again:
 * building it reads every firm that can reach the lot (thousands in a
 * region), while a change touches one or two of them.
 */
import { noteModelUpdate } from './dominance.ts';
import { buildMatchModel, firmPositions, sharePositions, type MatchModel, type SkillOffers } from './eligibility.ts';
import type { EngineInput } from './types.ts';

/** Models whose tables a later model took over: reading them would see that model's firms. */
const consumed = new WeakSet<MatchModel>();

/**
 * What buildMatchModel(input) builds, from `model` built for the same lot on
 * an input that differs only in the firms named in `changedIds` (their
 * profiles or their bookings): the changed firms' rows and the offer lists
 * of the skills they supply or supplied are replaced, everything else is
 * shared with `model`. Candidates keep their positions, so the result equals
 * a fresh build up to the order of its firms, which the engine reads only
 * through id ranks and the offer lists' (cost, id) order.
 * The result takes over `model`'s cost and unit tables and patches the
 * changed rows in place: copying the tables (tens of thousands of numbers
 * for a lot in a region) cost more than the rest of a kept lot's update. So
 * `model` must not be used once this returns a model (it throws if `model`
 * was taken over before); what the engine derived from it (dominance.ts) is
 * carried over with the changed firms' rows as they were.
 * Undefined, leaving `model` as it was, when a changed firm becomes or stops
 * being a candidate (every position and id rank after it would move): build
 * the model afresh then.
 */
export function updateMatchModel(
  model: MatchModel,
  input: EngineInput,
  changedIds: ReadonlySet<string>,
): MatchModel | undefined {
  if (consumed.has(model)) throw new Error('This match model was updated already; use the model that update returned');
  if (changedIds.size === 0) return model;
  const changed = buildMatchModel({
    lot: input.lot,
    firms: input.firms.filter((firm) => changedIds.has(firm.id)),
    booked: input.booked.filter((entry) => changedIds.has(entry.smeId)),
  });
  const freshAt = new Map(changed.firms.map((candidate, index) => [candidate.firm.id, index]));
  const positions = firmPositions(model);
  // Where each changed candidate is and where its row is in `changed`: all found before anything is patched.
  const rows: { position: number; fresh: number }[] = [];
  for (const firmId of changedIds) {
    const position = positions.get(firmId);
    const fresh = freshAt.get(firmId);
    if (position === undefined) {
      // A changed firm that is a candidate now but was not before.
      if (fresh !== undefined) return undefined;
      continue;
    }
    if (fresh === undefined) return undefined;
    rows.push({ position, fresh });
  }

  const skillCount = model.skills.length;
  const firms = [...model.firms];
  const { unitCost, available } = model;
  const rowsBefore = new Map<number, { unitCost: Float64Array; available: Float64Array }>();
  const touchedSkills = new Set<number>();
  for (const { position, fresh } of rows) {
    const now = changed.firms[fresh]!;
    firms[position] = {
      firm: now.firm,
      distanceKm: now.distanceKm,
      socialValue: now.socialValue,
      idRank: firms[position]!.idRank,
    };
    const start = position * skillCount;
    rowsBefore.set(position, {
      unitCost: unitCost.slice(start, start + skillCount),
      available: available.slice(start, start + skillCount),
    });
    for (let skill = 0; skill < skillCount; skill++) {
      const at = start + skill;
      const from = fresh * skillCount + skill;
      if (!Number.isNaN(unitCost[at]!) || !Number.isNaN(changed.unitCost[from]!)) touchedSkills.add(skill);
      unitCost[at] = changed.unitCost[from]!;
      available[at] = changed.available[from]!;
    }
  }
  consumed.add(model);

  const patched = new Set(rowsBefore.keys());
  const offers = model.offers.map((list, skill) =>
    touchedSkills.has(skill) ? reorderedOffers(list, skill, skillCount, patched, unitCost, available, firms) : list,
  );
  const updated = { lot: input.lot, skills: model.skills, firms, offers, unitCost, available };
  sharePositions(updated, model);
  // The firms' dominator counts follow from the model's, recounting only what the patched firms touch.
  noteModelUpdate(updated, model, rowsBefore);
  return updated;
}

/**
 * A skill's offer list with the patched firms taken out and put back where their new (cost, id) sorts:
 * the unpatched offers keep their order, so the runs between the patched ones are copied whole and each
 * returning offer's place is found by bisection.
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
  const leavingAt: number[] = [];
  for (const firm of patched) {
    const at = list.firms.indexOf(firm);
    if (at >= 0) leavingAt.push(at);
  }
  leavingAt.sort((a, b) => a - b);
  const kept = withoutPositions(list, leavingAt);
  if (entering.length === 0) return kept;

  const length = kept.firms.length + entering.length;
  const order = new Int32Array(length);
  const unitCosts = new Float64Array(length);
  const units = new Float64Array(length);
  let copied = 0;
  let at = 0;
  const copyUpTo = (end: number) => {
    order.set(kept.firms.subarray(copied, end), at);
    unitCosts.set(kept.unitCosts.subarray(copied, end), at);
    units.set(kept.available.subarray(copied, end), at);
    at += end - copied;
    copied = end;
  };
  for (const joining of entering) {
    // The first kept offer the joining one sorts before (kept offers at their own cost, which is unchanged).
    let low = copied;
    let high = kept.firms.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (before(joining, kept.firms[middle]!)) high = middle;
      else low = middle + 1;
    }
    copyUpTo(low);
    order[at] = joining;
    unitCosts[at] = costOf(joining);
    units[at] = available[joining * skillCount + skill]!;
    at++;
  }
  copyUpTo(kept.firms.length);
  return { firms: order, unitCosts, available: units };
}

/** The offer list without the offers at `positions` (ascending), the runs between them copied whole. */
function withoutPositions(list: SkillOffers, positions: readonly number[]): SkillOffers {
  if (positions.length === 0) return list;
  const length = list.firms.length - positions.length;
  const order = new Int32Array(length);
  const unitCosts = new Float64Array(length);
  const units = new Float64Array(length);
  let from = 0;
  let at = 0;
  for (const end of [...positions, list.firms.length]) {
    order.set(list.firms.subarray(from, end), at);
    unitCosts.set(list.unitCosts.subarray(from, end), at);
    units.set(list.available.subarray(from, end), at);
    at += end - from;
    from = end + 1;
  }
  return { firms: order, unitCosts, available: units };
}
