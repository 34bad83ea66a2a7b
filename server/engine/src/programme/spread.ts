/**
 * Proposals that spread work: for each lot, member sets built from firms that
 * have no work elsewhere in the current allocation, both from scratch and by
 * replacing one member of the lot's current proposal. Each is checked with
 * the canonical cheapest split (every member must get work, member limit
 * kept), so every generated column is a valid proposal of its lot.
 */
import { LOCAL_RADIUS_KM } from '../social-value.ts';
import { canonicalSplit } from '../split.ts';
import { addSplit, type ProgrammeModel } from './columns.ts';
import { columnFor, roomCover } from './greedy.ts';
import type { AllocationState } from './state.ts';

export function spreadColumns(programme: ProgrammeModel, state: AllocationState, outOfTime: () => boolean): number {
  let added = 0;
  for (const entry of programme.lots) {
    if (outOfTime()) break;
    const current = state.chosen[entry.index];
    if (!current) continue;
    const model = entry.model;
    const idOf = (firm: number) => model.firms[firm]!.firm.id;
    const busyElsewhere = (firm: number) => {
      const id = idOf(firm);
      const count = state.firmLots.get(id) ?? 0;
      return count - (current.members.includes(id) ? 1 : 0) > 0;
    };
    const free = model.firms.map((_, firm) => !busyElsewhere(firm));
    const currentFirms = model.firms.flatMap((candidate, firm) =>
      current.members.includes(candidate.firm.id) ? [firm] : [],
    );

    const attempts: number[][] = [[]];
    for (const leaving of currentFirms) attempts.push(currentFirms.filter((firm) => firm !== leaving && free[firm]!));
    for (const base of attempts) {
      const excluded = new Set(currentFirms.filter((firm) => !base.includes(firm)));
      const members = completeCover(programme, entry.index, base, (firm) => free[firm]! && !excluded.has(firm));
      if (members && addSplitIfValid(programme, entry.index, members)) added += 1;
    }
  }
  return added;
}

/**
 * For each covered lot, proposals that fit the room the other lots leave and
 * use only firms without work elsewhere (the lot's own members allowed),
 * local firms only first: the moves the reach policy needs once capacity,
 * not price, is what binds.
 */
export function spreadWithinRoom(programme: ProgrammeModel, state: AllocationState, outOfTime: () => boolean): number {
  let added = 0;
  for (const entry of programme.lots) {
    if (outOfTime()) break;
    const current = state.chosen[entry.index];
    if (!current) continue;
    const ids = entry.model.firms.map((candidate) => candidate.firm.id);
    const local = entry.model.firms.map((candidate) => candidate.distanceKm <= LOCAL_RADIUS_KM);
    state.remove(entry.index);
    for (const localOnly of [true, false]) {
      const allowed = (firm: number) => !state.firmLots.has(ids[firm]!) && (!localOnly || local[firm]!);
      // Firms offering several skills only when the cheapest ones run into the member limit.
      const members =
        roomCover(programme, state, entry.index, 'cost', allowed) ??
        roomCover(programme, state, entry.index, 'multi', allowed);
      const before = entry.columns.length;
      if (members && columnFor(programme, entry.index, members) && entry.columns.length > before) added += 1;
    }
    state.place(current);
  }
  return added;
}

/** firms without work tried per skill of a lot when adding a member */
const ADD_CANDIDATES = 6;
/** offers looked at per skill for them, cheapest first */
const ADD_SCAN = 200;

/**
 * For each covered lot below its member limit, its current proposal with one
 * firm without work added: a firm cheaper on some skill than the member that
 * skill's fill reaches last, so the canonical split gives it work. Such a
 * move costs one member's coordination less what the cheaper units save:
 * once no swap brings in a new firm, more members per lot is the only way to
 * more firms, and these are the cheapest members to add.
 */
export function addedMemberColumns(
  programme: ProgrammeModel,
  state: AllocationState,
  outOfTime: () => boolean,
): number {
  let added = 0;
  for (const entry of programme.lots) {
    if (outOfTime()) break;
    const current = state.chosen[entry.index];
    const model = entry.model;
    if (!current || current.members.length >= model.lot.maxMembers) continue;
    const members = current.members.map((id) => model.firms.findIndex((candidate) => candidate.firm.id === id));
    const outcome = canonicalSplit(model, members);
    if (!outcome.covered) continue;
    const tried = new Set<number>();
    outcome.split.fills.forEach((parts, skill) => {
      const reachedLast = parts[parts.length - 1];
      if (!reachedLast) return;
      const offers = model.offers[skill]!;
      let candidates = 0;
      const scanned = Math.min(offers.firms.length, ADD_SCAN);
      for (let position = 0; position < scanned && candidates < ADD_CANDIDATES; position++) {
        if (offers.unitCosts[position]! > reachedLast.unitCost) break;
        const firm = offers.firms[position]!;
        const id = model.firms[firm]!.firm.id;
        if (members.includes(firm) || tried.has(firm) || state.firmLots.has(id)) continue;
        tried.add(firm);
        const widened = canonicalSplit(model, [...members, firm]);
        if (!widened.covered || widened.idle.length > 0) continue;
        // A member its fill does not reach last gives all its units on this lot, which the capacity
        // rule often forbids (a shorter overlapping lot allows it fewer): those are passed over, not counted.
        const overRoom = widened.split.fills.some((fill, part) =>
          fill.some(
            (given) => given.firm === firm && given.units > state.room(entry.index, id, model.skills[part]!.skill),
          ),
        );
        if (overRoom) continue;
        candidates += 1;
        if (addSplit(programme, entry.index, widened.split)) added += 1;
      }
    });
  }
  return added;
}

/** Adds, skill by skill (scarcest first), the cheapest allowed firm until the set covers the lot. */
export function completeCover(
  programme: ProgrammeModel,
  lot: number,
  base: readonly number[],
  allowed: (firm: number) => boolean,
): number[] | null {
  const model = programme.lots[lot]!.model;
  const members = [...base];
  const skillOrder = model.skills
    .map((_, skill) => skill)
    .sort((a, b) => model.offers[a]!.firms.length - model.offers[b]!.firms.length);
  while (members.length <= model.lot.maxMembers) {
    const outcome = canonicalSplit(model, members);
    if (outcome.covered) return members;
    const short = skillOrder.find((skill) => outcome.shortSkills.includes(skill));
    if (short === undefined) return null;
    const offers = model.offers[short]!;
    let pick = -1;
    for (let position = 0; position < offers.firms.length; position++) {
      const firm = offers.firms[position]!;
      if (!members.includes(firm) && allowed(firm)) {
        pick = firm;
        break;
      }
    }
    if (pick < 0) return null;
    members.push(pick);
  }
  return null;
}

function addSplitIfValid(programme: ProgrammeModel, lot: number, members: number[]): boolean {
  const model = programme.lots[lot]!.model;
  let outcome = canonicalSplit(model, members);
  if (!outcome.covered) return false;
  if (outcome.idle.length > 0) {
    // An idle member has no units, so dropping it changes no one else's fill.
    outcome = canonicalSplit(
      model,
      members.filter((firm) => !outcome.covered || !outcome.idle.includes(firm)),
    );
    if (!outcome.covered || outcome.idle.length > 0) return false;
  }
  if (outcome.split.members.length > model.lot.maxMembers) return false;
  return addSplit(programme, lot, outcome.split) !== undefined;
}
