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
 * A skill's offer list with the patched firms taken out and put back where their new (cost, id) sorts.
 * The unpatched offers keep their order, so only runs of them move, and each returning offer's place is
 * found by bisection. When as many offers return as leave (a changed price or capacity), the list of the
 * model taken over is rearranged in place; otherwise a new one is written.
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
  const keptLength = list.firms.length - leavingAt.length;
  const length = keptLength + entering.length;
  const target =
    length === list.firms.length
      ? list
      : { firms: new Int32Array(length), unitCosts: new Float64Array(length), available: new Float64Array(length) };
  /** Offers [from, end) of the list to `to` in the target. */
  const move = (from: number, end: number, to: number) => {
    if (target === list) {
      if (from === to) return;
      target.firms.copyWithin(to, from, end);
      target.unitCosts.copyWithin(to, from, end);
      target.available.copyWithin(to, from, end);
    } else {
      target.firms.set(list.firms.subarray(from, end), to);
      target.unitCosts.set(list.unitCosts.subarray(from, end), to);
      target.available.set(list.available.subarray(from, end), to);
    }
  };
  // The kept offers to the front, closing the gaps the leaving ones leave (left to right: runs move left).
  let keptEnd = 0;
  let from = 0;
  for (const end of [...leavingAt, list.firms.length]) {
    move(from, end, keptEnd);
    keptEnd += end - from;
    from = end + 1;
  }
  // The returning offers from the last: the kept ones after each move right by as many as still to place.
  for (let index = entering.length - 1; index >= 0; index--) {
    const joining = entering[index]!;
    let low = 0;
    let high = keptEnd;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (before(joining, target.firms[middle]!)) high = middle;
      else low = middle + 1;
    }
    target.firms.copyWithin(low + index + 1, low, keptEnd);
    target.unitCosts.copyWithin(low + index + 1, low, keptEnd);
    target.available.copyWithin(low + index + 1, low, keptEnd);
    target.firms[low + index] = joining;
    target.unitCosts[low + index] = costOf(joining);
    target.available[low + index] = available[joining * skillCount + skill]!;
    keptEnd = low;
  }
  return target;
}
