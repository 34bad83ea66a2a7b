/**
 * The feasible allocation the anytime search starts from: lots in start-date
 * order (ties by id), each given the cheapest proposal whose canonical split
 * fits the capacity the lots before it left under the programme's rule (its
 * own row and every overlapping lot's row); lots left uncovered are then
 * retried by moving one neighbouring lot to another proposal, and covered
 * lots move to cheaper proposals while they fit. While time lasts, the same
 * is repeated with covers that spare capacity (scarcest lots first, tightest
 * or most multi-skilled firms) and the best allocation (more lots, then
 * less cost) is kept; the first, plain pass always completes, and what it
 * placed is also returned as `sequential` (cheapest-first within the rule).
 *
 * Proposals that fit are found among the lot's columns and, when those are
 * not all its valid proposals, built from the firms with room (`roomCover`).
 * Every column placed is a valid proposal of its lot, so the answer is
 * feasible; the search (search.ts) only ever replaces it with a better one.
 */
import type { MatchModel } from '../eligibility.ts';
import { canonicalSplit, fillOrder } from '../split.ts';
import { addSplit, type Column, type ProgrammeModel } from './columns.ts';
import { AllocationState, compareCheapest, type Score } from './state.ts';

const EJECT_PASSES = 3;
/** "multi" weighs this many of the cheapest offers with room (each costs a fill of the set) */
const MULTI_CANDIDATES = 64;
/** ranks firms that fill a skill before any that do not */
const LARGE = 1e12;

export function greedyCheapest(
  programme: ProgrammeModel,
  outOfTime: () => boolean,
): { chosen: (Column | null)[]; score: Score; sequential: (Column | null)[] } {
  const inStartOrder = byStartDate(programme);
  let sequential: (Column | null)[] = [];
  const scarcestFirst = [...inStartOrder].sort((a, b) => scarcity(programme, a) - scarcity(programme, b));
  let best: { chosen: (Column | null)[]; score: Score } | null = null;
  for (const [order, pick] of [
    [inStartOrder, 'cheapest'],
    [inStartOrder, 'tight'],
    [scarcestFirst, 'tight'],
    [inStartOrder, 'multi'],
    [scarcestFirst, 'multi'],
  ] as const) {
    if (best && outOfTime()) break;
    const state = new AllocationState(programme);
    // The first pass always runs to the end: it is the floor the answer never falls below.
    for (const lot of order) {
      if (best && outOfTime()) break;
      const column = fitting(programme, state, lot, pick);
      if (column) state.place(column);
    }
    if (!best) sequential = state.snapshot();
    for (let pass = 0; pass < EJECT_PASSES && !outOfTime(); pass++) {
      if (!coverByMovingNeighbours(programme, state, order, outOfTime)) break;
    }
    moveToCheaper(programme, state, order, outOfTime);
    const score = state.score();
    if (!best || compareCheapest(score, best.score) < 0) best = { chosen: state.snapshot(), score };
  }
  return { ...best!, sequential };
}

/** Candidates of the lot's scarcest skill: lots with few come first when covering as many as possible. */
function scarcity(programme: ProgrammeModel, lot: number): number {
  return Math.min(...programme.lots[lot]!.model.offers.map((offers) => offers.firms.length));
}

/**
 * A proposal of the lot that fits what the other lots leave: "cheapest" is the
 * cheapest found; otherwise a cover built that way first ("tight" leaves
 * roomier firms to other lots, "multi" keeps to the member limit).
 */
function fitting(
  programme: ProgrammeModel,
  state: AllocationState,
  lot: number,
  pick: 'cheapest' | 'tight' | 'multi',
): Column | null {
  if (pick !== 'cheapest') {
    const members = roomCover(programme, state, lot, pick);
    const column = members ? columnFor(programme, lot, members) : null;
    if (column && state.fits(column)) return column;
  }
  return cheapestFitting(programme, state, lot);
}

/** The lot's cheapest proposal that fits what the other lots leave (the lot's own column taken out first by the caller). */
export function cheapestFitting(programme: ProgrammeModel, state: AllocationState, lot: number): Column | null {
  const entry = programme.lots[lot]!;
  let best: Column | null = null;
  for (const column of entry.columns) {
    if (best && column.cents >= best.cents) continue;
    if (state.fits(column)) best = column;
  }
  if (entry.exhaustive) return best;
  const members = roomCover(programme, state, lot, 'cost');
  const column = members ? columnFor(programme, lot, members) : null;
  if (column && (!best || column.cents < best.cents) && state.fits(column)) best = column;
  if (best) return best;
  // Cheapest firms first can run into the member limit; firms offering several skills may not.
  const multi = roomCover(programme, state, lot, 'multi');
  const spare = multi ? columnFor(programme, lot, multi) : null;
  return spare && state.fits(spare) ? spare : null;
}

/**
 * Each uncovered lot: take a covered lot sharing candidate firms out, cover
 * the uncovered one, and give the one taken out another proposal that fits;
 * kept only when both are covered. Whether any lot was gained.
 */
function coverByMovingNeighbours(
  programme: ProgrammeModel,
  state: AllocationState,
  order: readonly number[],
  outOfTime: () => boolean,
): boolean {
  let gained = false;
  for (const lot of order) {
    if (state.chosen[lot] || outOfTime()) continue;
    const entry = programme.lots[lot]!;
    if (entry.exhaustive && entry.columns.length === 0) continue;
    const direct = cheapestFitting(programme, state, lot);
    if (direct) {
      state.place(direct);
      gained = true;
      continue;
    }
    const candidates = new Set(entry.model.firms.map((candidate) => candidate.firm.id));
    // Only a lot whose work counts on some row this lot's work counts on can free room for it.
    const rowsOfLot = new Set(programme.overlaps[lot]);
    for (const neighbour of order) {
      const moved = state.chosen[neighbour];
      if (!moved || !programme.overlaps[neighbour]!.some((other) => rowsOfLot.has(other))) continue;
      if (!moved.members.some((member) => candidates.has(member))) continue;
      if (outOfTime()) return gained;
      state.remove(neighbour);
      const cover = cheapestFitting(programme, state, lot);
      if (cover) {
        state.place(cover);
        const again = cheapestFitting(programme, state, neighbour);
        if (again) {
          state.place(again);
          gained = true;
          break;
        }
        state.remove(lot);
      }
      state.place(moved);
    }
  }
  return gained;
}

/** Covered lots move to their cheapest fitting proposal until none gets cheaper. */
function moveToCheaper(
  programme: ProgrammeModel,
  state: AllocationState,
  order: readonly number[],
  outOfTime: () => boolean,
): void {
  let improved = true;
  while (improved && !outOfTime()) {
    improved = false;
    for (const lot of order) {
      const current = state.chosen[lot];
      if (!current) continue;
      state.remove(lot);
      const cheaper = cheapestFitting(programme, state, lot);
      if (cheaper && cheaper.cents < current.cents) {
        state.place(cheaper);
        improved = true;
      } else state.place(current);
    }
  }
}

export type CoverPick = 'cost' | 'tight' | 'multi';

/**
 * A member set whose canonical split (the lot's own availability) gives no
 * firm more than the room the programme leaves it: short skills are filled,
 * scarcest first, by adding the firm that is cheapest per unit it would take
 * (coordination included); with `pick` "tight", of the firms that fill the skill the one left with the least room
 * (else the one taking the most); with "multi", the one filling the largest
 * share of the short skills together (firms offering several skills keep a
 * member-limited lot within its limit). A firm that would take more than its
 * room is never added, nor one `allowed` refuses. Null when none is found
 * within the member limit.
 */
export function roomCover(
  programme: ProgrammeModel,
  state: AllocationState,
  lot: number,
  pick: CoverPick,
  allowed: (firm: number) => boolean = () => true,
): number[] | null {
  const model = programme.lots[lot]!.model;
  const skillCount = model.skills.length;
  const rooms = new Map<number, number>();
  const room = (firm: number, skill: number): number => {
    const key = firm * skillCount + skill;
    let free = rooms.get(key);
    if (free === undefined) {
      free = state.room(lot, model.firms[firm]!.firm.id, model.skills[skill]!.skill);
      rooms.set(key, free);
    }
    return free;
  };
  const overflows = (members: readonly number[], firm: number): boolean => overflowsIn(fillUnits(model, members), firm);
  const overflowsIn = (fill: ReturnType<typeof fillUnits>, firm: number): boolean => {
    const units = fill.units;
    for (let skill = 0; skill < skillCount; skill++) {
      const given = units.get(firm)?.[skill] ?? 0;
      if (given > 0 && given > room(firm, skill)) return true;
    }
    return false;
  };
  const coordination = model.lot.coordinationCostPerMember;
  const skillOrder = model.skills
    .map((_, skill) => skill)
    .sort((a, b) => model.offers[a]!.firms.length - model.offers[b]!.firms.length || a - b);
  const members: number[] = [];
  const rejected = new Set<number>();
  for (;;) {
    const current = fillUnits(model, members);
    const short = skillOrder.find((skill) => current.missing[skill]! > 0);
    if (short === undefined) break;
    if (members.length >= model.lot.maxMembers) return null;
    const missing = current.missing[short]!;
    const offers = model.offers[short]!;
    let chosen = -1;
    let chosenScore = Number.POSITIVE_INFINITY;
    let tried = 0;
    for (let position = 0; position < offers.firms.length; position++) {
      const unitCost = offers.unitCosts[position]!;
      if (pick === 'cost' && unitCost + coordination / missing >= chosenScore) break;
      const firm = offers.firms[position]!;
      if (rejected.has(firm) || members.includes(firm) || !allowed(firm)) continue;
      if (pick === 'multi') {
        if (room(firm, short) <= 0) continue;
        if (++tried > MULTI_CANDIDATES) break;
        const tentative = fillUnits(model, [...members, firm]);
        if (overflowsIn(tentative, firm)) {
          rejected.add(firm);
          continue;
        }
        let gain = 0;
        for (let skill = 0; skill < skillCount; skill++)
          gain += (current.missing[skill]! - tentative.missing[skill]!) / model.skills[skill]!.quantity;
        // Offers come cheapest first, so a tie keeps the cheaper firm.
        if (-gain < chosenScore - 1e-9) {
          chosen = firm;
          chosenScore = -gain;
        }
        continue;
      }
      const gives = Math.min(offers.available[position]!, missing);
      const free = room(firm, short);
      if (gives > free) continue;
      const score =
        pick === 'cost' ? unitCost + coordination / gives : gives === missing ? free - gives - LARGE : -gives;
      if (score >= chosenScore) continue;
      if (overflows([...members, firm], firm)) {
        rejected.add(firm);
        continue;
      }
      chosen = firm;
      chosenScore = score;
    }
    if (chosen < 0) return null;
    members.push(chosen);
  }
  const working = fillUnits(model, members).units;
  return members.filter((firm) => working.has(firm));
}

/** The canonical fill of a member set: units per member per skill (members with work only) and units missing per skill. */
function fillUnits(model: MatchModel, members: readonly number[]) {
  const skillCount = model.skills.length;
  const units = new Map<number, Float64Array>();
  const missing = new Float64Array(skillCount);
  model.skills.forEach((skill, index) => {
    let remaining = skill.quantity;
    for (const firm of fillOrder(model, index, members)) {
      if (remaining === 0) break;
      const given = Math.min(remaining, model.available[firm * skillCount + index]!);
      let row = units.get(firm);
      if (!row) units.set(firm, (row = new Float64Array(skillCount)));
      row[index] = given;
      remaining -= given;
    }
    missing[index] = remaining;
  });
  return { units, missing };
}

/** The member set's column (added when new), when the set is a valid proposal of the lot. */
export function columnFor(programme: ProgrammeModel, lot: number, members: readonly number[]): Column | null {
  const model = programme.lots[lot]!.model;
  if (members.length === 0 || members.length > model.lot.maxMembers) return null;
  const outcome = canonicalSplit(model, members);
  if (!outcome.covered || outcome.idle.length > 0) return null;
  const added = addSplit(programme, lot, outcome.split);
  if (added) return added;
  const key = members
    .map((firm) => model.firms[firm]!.firm.id)
    .sort()
    .join('\u0000');
  return programme.lots[lot]!.columns.find((column) => column.key === key) ?? null;
}

export function byStartDate(programme: ProgrammeModel): number[] {
  return programme.lots
    .map((entry) => entry.index)
    .sort((a, b) => {
      const lotA = programme.lots[a]!.input.lot;
      const lotB = programme.lots[b]!.input.lot;
      return lotA.startDate < lotB.startDate
        ? -1
        : lotA.startDate > lotB.startDate
          ? 1
          : lotA.id < lotB.id
            ? -1
            : lotA.id > lotB.id
              ? 1
              : 0;
    });
}
