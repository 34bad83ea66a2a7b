import {
  certificationValid,
  effectiveUnitCost,
  haversineKm,
  requiredCertifications,
  socialValueScore,
  windowDays,
  type Lot,
  type Skill,
} from '@lepa/shared';
import type { EngineFirm } from '@lepa/engine';

/** What a firm offers one lot for one skill: its effective unit cost and its capacity in the window (before bookings). */
interface Offer {
  unitCost: number;
  capacity: number;
}

function offersFor(lot: Lot, firm: EngineFirm | undefined): Map<Skill, Offer> {
  const offers = new Map<Skill, Offer>();
  if (!firm) return offers;
  const distanceKm = haversineKm(lot.location, firm.location);
  if (distanceKm > firm.serviceRadiusKm || (lot.maxDistanceKm !== null && distanceKm > lot.maxDistanceKm))
    return offers;
  const days = windowDays(lot.startDate, lot.endDate);
  const socialValue = socialValueScore(firm.socialValue, firm.ownership);
  for (const requirement of lot.requirements) {
    const capability = firm.capabilities.find((c) => c.skill === requirement.skill);
    if (!capability) continue;
    const certified = requiredCertifications(requirement.skill, requirement.certifications).every((anyOf) =>
      anyOf.some((scheme) =>
        firm.certifications.some((c) => c.scheme === scheme && certificationValid(c.expires, lot.endDate)),
      ),
    );
    if (!certified) continue;
    offers.set(requirement.skill, {
      unitCost: effectiveUnitCost({
        unitPrice: capability.unitPrice,
        socialValue,
        socialValueWeight: lot.socialValueWeight,
        travelCostPerUnitKm: lot.travelCostPerUnitKm,
        distanceKm,
      }),
      capacity: Math.floor((capability.capacityPerMonth * days) / 30),
    });
  }
  return offers;
}

/**
 * Whether a firm's change could make it better for this lot: eligible for a
 * skill it was not, cheaper, or with more capacity. When it cannot, and the
 * firm is in none of the lot's current proposals, the proposals stand: sets
 * without the firm keep their cost, and sets with it can only cost more or
 * leave it idle (its units come later in every fill order), so none of them
 * can overtake the current ones.
 */
export function mayImproveFor(lot: Lot, before: EngineFirm | undefined, after: EngineFirm | undefined): boolean {
  const offersBefore = offersFor(lot, before);
  for (const [skill, offer] of offersFor(lot, after)) {
    const previous = offersBefore.get(skill);
    if (!previous || offer.unitCost < previous.unitCost || offer.capacity > previous.capacity) return true;
  }
  return false;
}
