/**
 * What one firm offers one lot, by the engine's own eligibility rules
 * (eligibility.ts): the cheap per-firm tests an incremental update starts
 * with, exported for the server to pre-filter the lots a change may touch.
 */
import { haversineKm, socialValueScore, type Skill } from '@lepa/shared';
import {
  appendFirmOffers,
  bookedUnitsByFirm,
  offerRules,
  withinReach,
  type FlatOffers,
  type OfferRules,
} from './eligibility.ts';
import type { BookedUnits, EngineFirm, EngineLot } from './types.ts';

export interface FirmOffer {
  /** c(s,k) */
  unitCost: number;
  /** available(s,k), after bookings */
  available: number;
}

/**
 * The firm's offers for the lot's required skills: only where it is eligible
 * and has free units (the coordinator: all of them). `booked` is the firm's
 * bookings overlapping the lot's window (others' are ignored).
 */
export function firmOffers(
  lot: EngineLot,
  firm: EngineFirm | null | undefined,
  booked: readonly BookedUnits[] = [],
): Map<Skill, FirmOffer> {
  if (!firm) return new Map();
  return offersUnder(offerRules(lot), firm, bookedUnitsByFirm(booked).get(firm.id));
}

/** firmOffers under a lot's rules worked out once (offerRules), for judging many firms on one lot. */
export function offersUnder(
  rules: OfferRules,
  firm: EngineFirm,
  bookedBySkill: ReadonlyMap<Skill, number> | undefined,
): Map<Skill, FirmOffer> {
  const offers = new Map<Skill, FirmOffer>();
  const distanceKm = haversineKm(rules.lot.location, firm.location);
  if (!withinReach(rules.lot, firm, distanceKm)) return offers;
  const flat: FlatOffers = { skill: [], cost: [], available: [] };
  appendFirmOffers(rules, firm, distanceKm, socialValueScore(firm.socialValue, firm.ownership), bookedBySkill, flat);
  for (let offer = 0; offer < flat.skill.length; offer++)
    offers.set(rules.skills[flat.skill[offer]!]!.skill, {
      unitCost: flat.cost[offer]!,
      available: flat.available[offer]!,
    });
  return offers;
}

/** Within both the firm's service radius and the lot's distance limit. */
export function canReach(lot: EngineLot, firm: EngineFirm): boolean {
  return withinReach(lot, firm, haversineKm(lot.location, firm.location));
}

/**
 * improved: some offer is new, cheaper or has more free units; worsened:
 * some offer is gone, dearer or has fewer free units (both can hold).
 */
export function compareOffers(
  before: ReadonlyMap<Skill, FirmOffer>,
  after: ReadonlyMap<Skill, FirmOffer>,
): { improved: boolean; worsened: boolean } {
  let improved = false;
  let worsened = false;
  for (const [skill, offer] of after) {
    const previous = before.get(skill);
    if (!previous || offer.unitCost < previous.unitCost || offer.available > previous.available) improved = true;
    if (previous && (offer.unitCost > previous.unitCost || offer.available < previous.available)) worsened = true;
  }
  for (const skill of before.keys()) if (!after.has(skill)) worsened = true;
  return { improved, worsened };
}

/**
 * Whether a change of this firm could make it better for the lot (see
 * `compareOffers`). When it cannot and the firm is in none of the lot's
 * proposals, the proposals stand (incremental.ts).
 */
export function mayImproveFor(
  lot: EngineLot,
  before: EngineFirm | null | undefined,
  after: EngineFirm | null | undefined,
  bookedBefore: readonly BookedUnits[] = [],
  bookedAfter: readonly BookedUnits[] = bookedBefore,
): boolean {
  return compareOffers(firmOffers(lot, before, bookedBefore), firmOffers(lot, after, bookedAfter)).improved;
}
