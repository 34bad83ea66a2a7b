/**
 * Removes firms that provably belong to none of the k best member sets.
 *
 * Firm t *dominates* firm s when, for every required skill s can supply, t
 * can supply it too, with at least as many usable units (min(available,
 * quantity)), no higher effective unit cost, and either t's id sorts before
 * s's or t is cheaper by at least MARGIN on every one of those skills.
 *
 * Claim: if s has at least k + maxMembers − 1 dominators, s is in no top-k
 * set. Take any valid set M containing s. At most maxMembers − 1 dominators
 * are in M, so at least k are not; for each such t let M' = M − s + t. M'
 * can copy M's split with t doing s's work, so cost(M') ≤ cost(M). In M's
 * canonical split s worked on some skill, and t precedes s in that skill's
 * fill order while every member before t in M' was before s in M, so t works
 * in M' too; dropping M''s idle members gives a valid set M'' ∋ t with
 * cost(M'') ≤ cost(M') (coordination costs are ≥ 0). M'' ranks strictly before M:
 * either t is ≥ MARGIN cheaper per unit on the ≥ 1 unit it took over, so
 * M'' costs at least a penny less, or, at equal pennies, M'' has fewer
 * members or is M' whose sorted ids compare lower (t's id < s's id). Each
 * M'' contains its own t and no other outside dominator, so they are k
 * distinct sets ahead of M. Validity and cost of a set depend only on its
 * own members, so removing such firms leaves the top k unchanged.
 */
import type { Skill } from '@lepa/shared';
import { bookedUnitsByFirm, compareIds, type MatchModel, type OfferRules } from './eligibility.ts';
import { offersUnder, type FirmOffer } from './reach.ts';
import type { BookedUnits, EngineFirm } from './types.ts';

/** More than a penny per unit, with room for floating-point noise. */
const MARGIN = 0.011;

/** Each model firm's offered skills as a bit mask. */
function masksOf(model: MatchModel): Uint32Array {
  const skillCount = model.skills.length;
  const masks = new Uint32Array(model.firms.length);
  for (let firm = 0; firm < model.firms.length; firm++)
    for (let skill = 0; skill < skillCount; skill++)
      if (!Number.isNaN(model.unitCost[firm * skillCount + skill]!)) masks[firm]! |= 1 << skill;
  return masks;
}

/**
 * The skill masks of a model's firms and their dominator counts, capped at
 * a threshold (exact below it), per threshold: 8 bytes a firm, kept while
 * the model lives. A model updated from another (updateMatchModel) recounts
 * from its predecessor's counts only what its changed firms touch: a firm's
 * dominators are the same firms as before but for the changed ones.
 */
const judged = new WeakMap<MatchModel, { masks: Uint32Array; counts: Map<number, Int32Array> }>();

/** Changed firms' rows (unit costs and available units by skill) as they were, by position. */
export type PatchedRows = ReadonlyMap<number, { unitCost: Float64Array; available: Float64Array }>;

/**
 * A model with no counts yet, and the model it was updated from that has them, with the rows patched
 * since as they were in that model (updateMatchModel patches the tables it shares with it in place).
 */
const updatedFrom = new WeakMap<MatchModel, { model: MatchModel; rowsBefore: PatchedRows }>();

/**
 * Records that `updated` equals `from` but for the firms at the positions
 * of `rowsBefore`, which holds their rows as they were in `from`
 * (updateMatchModel keeps every position and id rank), so dominatedFirms on
 * it starts from `from`'s counts. Only the last model with counts is
 * remembered, with every row patched since as it was there, so a lot's
 * models never form a chain that keeps old ones alive.
 */
export function noteModelUpdate(updated: MatchModel, from: MatchModel, rowsBefore: PatchedRows): void {
  if (judged.has(from)) {
    updatedFrom.set(updated, { model: from, rowsBefore });
    return;
  }
  const earlier = updatedFrom.get(from);
  if (!earlier) return;
  // A row patched twice is wanted as it was in the model with counts: the earlier record wins.
  const merged = new Map(rowsBefore);
  for (const [position, row] of earlier.rowsBefore) merged.set(position, row);
  updatedFrom.set(updated, { model: earlier.model, rowsBefore: merged });
}

/** For each model firm: true when it can be dropped from the search for top-`k`. */
export function dominatedFirms(model: MatchModel, k: number, maxMembers: number): Uint8Array {
  const needed = k + maxMembers - 1;
  const counts = dominatorCounts(model, needed);
  const dominated = new Uint8Array(counts.length);
  for (let firm = 0; firm < counts.length; firm++) if (counts[firm]! >= needed) dominated[firm] = 1;
  return dominated;
}

function dominatorCounts(model: MatchModel, needed: number): Int32Array {
  const kept = judged.get(model);
  const keptCounts = kept?.counts.get(needed);
  if (keptCounts) return keptCounts;
  const link = updatedFrom.get(model);
  const earlier = link && judged.get(link.model);
  const earlierCounts = earlier?.counts.get(needed);
  let entry = kept;
  if (!entry) {
    const masks = earlier ? masksAfterUpdate(earlier.masks, model, link.rowsBefore.keys()) : masksOf(model);
    entry = { masks, counts: new Map() };
    judged.set(model, entry);
  }
  const counts =
    link && earlier && earlierCounts
      ? countsAfterUpdate(
          { masks: earlier.masks, counts: earlierCounts },
          { model, masks: entry.masks },
          link.rowsBefore,
          needed,
        )
      : countDominators(model, entry.masks, needed);
  updatedFrom.delete(model);
  entry.counts.set(needed, counts);
  return counts;
}

/** masksOf(model), from those of the model it was updated from: only the patched firms' rows differ. */
function masksAfterUpdate(before: Uint32Array, model: MatchModel, patched: Iterable<number>): Uint32Array {
  const skillCount = model.skills.length;
  const masks = before.slice();
  for (const firm of patched) {
    masks[firm] = 0;
    for (let skill = 0; skill < skillCount; skill++)
      if (!Number.isNaN(model.unitCost[firm * skillCount + skill]!)) masks[firm]! |= 1 << skill;
  }
  return masks;
}

function countDominators(model: MatchModel, masks: Uint32Array, needed: number): Int32Array {
  const skillCount = model.skills.length;
  const firmCount = model.firms.length;
  const counts = new Int32Array(firmCount);
  // Only firms offering every skill a firm offers can dominate it, and each precedes it in the fill
  // order of every such skill: the firms offering a set of skills, in the order of its shortest list,
  // hold all the dominators of the firms offering exactly that set, each before those it dominates.
  const offerCount = model.offers.map((offers) => offers.firms.length);
  const skillsOf: number[] = [];
  const offering = new Int32Array(firmCount);
  for (const mask of new Set(masks)) {
    skillsOf.length = 0;
    let primary = -1;
    for (let skill = 0; skill < skillCount; skill++) {
      if ((mask & (1 << skill)) === 0) continue;
      skillsOf.push(skill);
      if (primary < 0 || offerCount[skill]! < offerCount[primary]!) primary = skill;
    }
    let offeringCount = 0;
    for (const firm of model.offers[primary]!.firms)
      if ((masks[firm]! & mask) === mask) offering[offeringCount++] = firm;
    for (let end = 0; end < offeringCount; end++) {
      const firm = offering[end]!;
      if (masks[firm] !== mask) continue;
      let count = 0;
      for (let position = 0; position < end && count < needed; position++)
        if (dominates(model, offering[position]!, firm, skillsOf)) count++;
      counts[firm] = count;
    }
  }
  return counts;
}

/**
 * The counts of `after`, from those of `before` (the same model but for the
 * firms at the positions of `rowsBefore`, whose rows there it holds): an
 * unpatched firm gains or loses only the patched firms as dominators, which
 * is exact below the cap; a firm at the cap that lost one, and every patched
 * firm, is counted again.
 */
function countsAfterUpdate(
  before: { masks: Uint32Array; counts: Int32Array },
  after: { model: MatchModel; masks: Uint32Array },
  rowsBefore: PatchedRows,
  needed: number,
): Int32Array {
  const counts = before.counts.slice();
  const { model } = after;
  const skillCount = model.skills.length;
  const patchedFirms = [...rowsBefore.keys()];
  const skills: number[] = [];
  const again: number[] = [...patchedFirms];
  for (let firm = 0; firm < counts.length; firm++) {
    if (rowsBefore.has(firm)) continue;
    const mask = after.masks[firm]!;
    skills.length = 0;
    let change = 0;
    let lost = false;
    for (const other of patchedFirms) {
      const couldBefore = (before.masks[other]! & mask) === mask;
      const couldAfter = (after.masks[other]! & mask) === mask;
      if (!couldBefore && !couldAfter) continue;
      if (skills.length === 0)
        for (let skill = 0; skill < skillCount; skill++) if ((mask & (1 << skill)) !== 0) skills.push(skill);
      const row = rowsBefore.get(other)!;
      const was = couldBefore && rowDominates(model, row.unitCost, row.available, 0, other, firm, skills);
      const is = couldAfter && dominates(model, other, firm, skills);
      if (was === is) continue;
      change += is ? 1 : -1;
      lost ||= was;
    }
    if (counts[firm]! < needed) counts[firm] = Math.min(needed, counts[firm]! + change);
    else if (lost) again.push(firm);
  }
  for (const firm of again) counts[firm] = countOne(model, after.masks, firm, needed);
  return counts;
}

/** One firm's dominators, capped: every one precedes it in its rarest skill's fill order. */
function countOne(model: MatchModel, masks: Uint32Array, firm: number, needed: number): number {
  const skillCount = model.skills.length;
  const mask = masks[firm]!;
  const skills: number[] = [];
  let primary = -1;
  for (let skill = 0; skill < skillCount; skill++) {
    if ((mask & (1 << skill)) === 0) continue;
    skills.push(skill);
    if (primary < 0 || model.offers[skill]!.firms.length < model.offers[primary]!.firms.length) primary = skill;
  }
  let count = 0;
  for (const other of model.offers[primary]!.firms) {
    if (other === firm || count >= needed) break;
    if ((masks[other]! & mask) === mask && dominates(model, other, firm, skills)) count++;
  }
  return count;
}

/** Usable units are min(available, quantity), worked out here: a table of them per model cost more than the pairs judged. */
function dominates(model: MatchModel, t: number, s: number, skills: readonly number[]): boolean {
  return rowDominates(model, model.unitCost, model.available, t * model.skills.length, t, s, skills);
}

/** `dominates`, with t's unit costs and available units read from `costsOfT` and `unitsOfT` at `rowOfT` + skill. */
function rowDominates(
  model: MatchModel,
  costsOfT: Float64Array,
  unitsOfT: Float64Array,
  rowOfT: number,
  t: number,
  s: number,
  skills: readonly number[],
): boolean {
  const skillCount = model.skills.length;
  const available = model.available;
  const idFirst = model.firms[t]!.idRank < model.firms[s]!.idRank;
  for (const skill of skills) {
    const at = rowOfT + skill;
    const st = s * skillCount + skill;
    const quantity = model.skills[skill]!.quantity;
    if (Math.min(unitsOfT[at]!, quantity) < Math.min(available[st]!, quantity)) return false;
    const costT = costsOfT[at]!;
    const costS = model.unitCost[st]!;
    if (idFirst ? costT > costS : costT > costS - MARGIN) return false;
  }
  return true;
}

/**
 * isDominated on a lot's whole model: read off its dominator counts when
 * they are kept or follow from an earlier model's (cheaper than judging the
 * firm against its rivals), else judged alone.
 */
export function isDominatedIn(model: MatchModel, firm: number, k: number, maxMembers: number): boolean {
  const needed = k + maxMembers - 1;
  const link = updatedFrom.get(model);
  const counted = judged.get(model)?.counts.has(needed) || (link && judged.get(link.model)?.counts.has(needed));
  return counted ? dominatorCounts(model, needed)[firm]! >= needed : isDominated(model, firm, k, maxMembers);
}

/**
 * Whether one firm is dominated (see above) by at least k + maxMembers − 1
 * others: then it is in none of the k best sets. Only firms offering every
 * skill it offers can dominate it, and the relation reads nothing but the
 * two firms' offers and id order, so `model` may hold just those firms.
 */
export function isDominated(model: MatchModel, firm: number, k: number, maxMembers: number): boolean {
  const skillCount = model.skills.length;
  const needed = k + maxMembers - 1;
  const skills: number[] = [];
  for (let skill = 0; skill < skillCount; skill++) {
    if (!Number.isNaN(model.unitCost[firm * skillCount + skill]!)) skills.push(skill);
  }
  let count = 0;
  for (let other = 0; other < model.firms.length && count < needed; other++) {
    if (other === firm) continue;
    if (skills.some((skill) => Number.isNaN(model.unitCost[other * skillCount + skill]!))) continue;
    if (dominates(model, other, firm, skills)) count++;
  }
  return count >= needed;
}

/**
 * isDominated without the lot's model: `firm` (whose offers are `offers`)
 * against rivals judged one at a time from their own offers under the
 * lot's rules, stopping at k + maxMembers − 1 dominators. False (not proven)
 * when fewer are found among the first `maxScanned` rivals that offer the
 * lot something, so a cheap firm with few betters costs a bounded scan.
 */
export function dominatedByRivals(
  rules: OfferRules,
  firm: EngineFirm,
  offers: ReadonlyMap<Skill, FirmOffer>,
  rivals: Iterable<EngineFirm>,
  booked: readonly BookedUnits[],
  k: number,
  maxScanned: number,
): boolean {
  if (offers.size === 0) return true;
  const needed = k + rules.lot.maxMembers - 1;
  const quantity = new Map(rules.skills.map((skill) => [skill.skill, skill.quantity]));
  const bookedByFirm = bookedUnitsByFirm(booked);
  let scanned = 0;
  let count = 0;
  for (const rival of rivals) {
    if (rival.id === firm.id) continue;
    const rivalOffers = offersUnder(rules, rival, bookedByFirm.get(rival.id));
    if (rivalOffers.size === 0) continue;
    if (offersDominate(rivalOffers, offers, quantity, compareIds(rival.id, firm.id) < 0)) count++;
    if (count >= needed) return true;
    if (++scanned >= maxScanned) return false;
  }
  return false;
}

/** The relation `dominates` above, on two firms' offers. */
function offersDominate(
  rival: ReadonlyMap<Skill, FirmOffer>,
  firm: ReadonlyMap<Skill, FirmOffer>,
  quantity: ReadonlyMap<Skill, number>,
  rivalIdFirst: boolean,
): boolean {
  for (const [skill, offer] of firm) {
    const other = rival.get(skill);
    if (!other) return false;
    const needed = quantity.get(skill)!;
    if (Math.min(other.available, needed) < Math.min(offer.available, needed)) return false;
    if (rivalIdFirst ? other.unitCost > offer.unitCost : other.unitCost > offer.unitCost - MARGIN) return false;
  }
  return true;
}
