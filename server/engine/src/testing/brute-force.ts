/**
 * The scoring model of DESIGN.md evaluated by exhaustive enumeration, written
 * independently of the engine (only the shared pure scoring functions are
 * reused) so property tests can compare the two. Exponential: small inputs only.
 */
import {
  certificationValid,
  COORDINATOR_SKILL,
  effectiveUnitCost,
  haversineKm,
  requiredCertifications,
  socialValueScore,
  windowDays,
  type Skill,
} from '@lepa/shared';
import type { EngineFirm, EngineInput } from '../types.ts';

export interface Offer {
  unitCost: number;
  available: number;
}

export interface BruteSet {
  /** member ids sorted ascending */
  members: string[];
  cents: number;
  /** per required skill: [firm id, units] in fill order */
  fills: [string, number][][];
}

/** c(s,k) and available(s,k) for every firm that may supply skill k on this lot. */
export function offersFor(input: EngineInput): Map<string, Map<Skill, Offer>> {
  const { lot } = input;
  const days = windowDays(lot.startDate, lot.endDate);
  const result = new Map<string, Map<Skill, Offer>>();
  for (const firm of input.firms) {
    const distance = haversineKm(lot.location, firm.location);
    if (distance > firm.serviceRadiusKm) continue;
    if (lot.maxDistanceKm !== null && distance > lot.maxDistanceKm) continue;
    const offers = new Map<Skill, Offer>();
    for (const requirement of lot.requirements) {
      const capability = firm.capabilities.find((entry) => entry.skill === requirement.skill);
      if (!capability) continue;
      const certified = requiredCertifications(requirement.skill, requirement.certifications).every((group) =>
        group.some((scheme) => holds(firm, scheme, lot.endDate)),
      );
      if (!certified) continue;
      const booked = input.booked
        .filter((entry) => entry.smeId === firm.id && entry.skill === requirement.skill)
        .reduce((sum, entry) => sum + entry.units, 0);
      const available = Math.floor((capability.capacityPerMonth * days) / 30) - booked;
      if (available <= 0) continue;
      const unitCost = effectiveUnitCost({
        unitPrice: capability.unitPrice,
        socialValue: socialValueScore(firm.socialValue, firm.ownership),
        socialValueWeight: lot.socialValueWeight,
        travelCostPerUnitKm: lot.travelCostPerUnitKm,
        distanceKm: distance,
      });
      offers.set(requirement.skill, { unitCost, available });
    }
    if (offers.size > 0) result.set(firm.id, offers);
  }
  return result;
}

function holds(firm: EngineFirm, scheme: string, endDate: string): boolean {
  return firm.certifications.some((entry) => entry.scheme === scheme && certificationValid(entry.expires, endDate));
}

/** Cheapest split of one member set, or null when it cannot cover the lot. */
export function cheapestSplit(
  input: EngineInput,
  offers: Map<string, Map<Skill, Offer>>,
  members: string[],
): BruteSet | null {
  const { lot } = input;
  let raw = 0;
  const fills: [string, number][][] = [];
  for (const requirement of lot.requirements) {
    const able = members
      .filter((id) => offers.get(id)?.has(requirement.skill))
      .sort((a, b) => {
        const difference =
          offers.get(a)!.get(requirement.skill)!.unitCost - offers.get(b)!.get(requirement.skill)!.unitCost;
        return difference !== 0 ? difference : a < b ? -1 : 1;
      });
    const fill: [string, number][] = [];
    let remaining = requirement.quantity;
    if (requirement.skill === COORDINATOR_SKILL) {
      const coordinator = able.find((id) => offers.get(id)!.get(requirement.skill)!.available >= requirement.quantity);
      if (coordinator === undefined) return null;
      raw += requirement.quantity * offers.get(coordinator)!.get(requirement.skill)!.unitCost;
      fill.push([coordinator, requirement.quantity]);
      remaining = 0;
    }
    for (const id of able) {
      if (remaining === 0) break;
      const offer = offers.get(id)!.get(requirement.skill)!;
      const units = Math.min(remaining, offer.available);
      raw += units * offer.unitCost;
      fill.push([id, units]);
      remaining -= units;
    }
    if (remaining > 0) return null;
    fills.push(fill);
  }
  raw += lot.coordinationCostPerMember * members.length;
  return { members: [...members].sort(), cents: Math.round(raw * 100), fills };
}

/** All valid member sets (each member works in its cheapest split), in proposal order, first k. */
export function bruteForceTopK(input: EngineInput, k: number): BruteSet[] {
  const offers = offersFor(input);
  const candidates = [...offers.keys()].sort();
  const valid: BruteSet[] = [];
  const chosen: string[] = [];
  const visit = (start: number): void => {
    if (chosen.length > 0) {
      const set = cheapestSplit(input, offers, chosen);
      if (set && set.members.every((id) => set.fills.some((fill) => fill.some(([member]) => member === id)))) {
        valid.push(set);
      }
    }
    if (chosen.length === input.lot.maxMembers) return;
    for (let index = start; index < candidates.length; index++) {
      chosen.push(candidates[index]!);
      visit(index + 1);
      chosen.pop();
    }
  };
  visit(0);
  valid.sort(compareBruteSets);
  return valid.slice(0, k);
}

export function compareBruteSets(a: BruteSet, b: BruteSet): number {
  if (a.cents !== b.cents) return a.cents - b.cents;
  if (a.members.length !== b.members.length) return a.members.length - b.members.length;
  for (let index = 0; index < a.members.length; index++) {
    if (a.members[index] !== b.members[index]) return a.members[index]! < b.members[index]! ? -1 : 1;
  }
  return 0;
}
