/**
 * Turns an EngineInput into the numbers the scoring model works on: which
 * firms may supply which required skill, how many units they have free in the
 * lot's window, and at what effective unit cost.
 */
import {
  CERTIFICATION_SCHEMES,
  COORDINATOR_SKILL,
  certificationValid,
  effectiveUnitCost,
  haversineKm,
  requiredCertifications,
  socialValueScore,
  windowDays,
  type CertificationScheme,
  type Skill,
} from '@lepa/shared';
import type { EngineFirm, EngineInput, EngineLot } from './types.ts';

export interface LotSkill {
  skill: Skill;
  quantity: number;
  extraCertifications: readonly CertificationScheme[];
  /** every group must be met by one of its schemes */
  certificationGroups: readonly (readonly CertificationScheme[])[];
  /** the coordinator is never split: one member supplies every unit */
  unsplit: boolean;
}

export interface CandidateFirm {
  firm: EngineFirm;
  distanceKm: number;
  /** sv(s) */
  socialValue: number;
  /** position of the firm's id in ascending id order: the tie-break as a number */
  idRank: number;
}

/** One required skill's offers, sorted by (effective unit cost, id): the order every split fills in. */
export interface SkillOffers {
  firms: Int32Array;
  unitCosts: Float64Array;
  available: Float64Array;
}

export interface MatchModel {
  lot: EngineLot;
  skills: LotSkill[];
  /** firms that can supply at least one required skill */
  firms: CandidateFirm[];
  offers: SkillOffers[];
  /** c(s,k) at [firm × skills + skill]; NaN where the firm is no candidate for the skill */
  unitCost: Float64Array;
  /** available(s,k) at the same index (0 where no candidate) */
  available: Float64Array;
}

/** Requirements merged per skill (quantities summed, extra schemes united); zero quantities dropped. */
export function lotSkills(lot: EngineLot): LotSkill[] {
  const bySkill = new Map<Skill, { quantity: number; extras: Set<CertificationScheme> }>();
  for (const requirement of lot.requirements) {
    const entry = bySkill.get(requirement.skill) ?? { quantity: 0, extras: new Set<CertificationScheme>() };
    entry.quantity += requirement.quantity;
    for (const scheme of requirement.certifications) entry.extras.add(scheme);
    bySkill.set(requirement.skill, entry);
  }
  return [...bySkill]
    .filter(([, entry]) => entry.quantity > 0)
    .map(([skill, entry]) => {
      const extraCertifications = [...entry.extras];
      return {
        skill,
        quantity: entry.quantity,
        extraCertifications,
        certificationGroups: requiredCertifications(skill, extraCertifications),
        unsplit: skill === COORDINATOR_SKILL,
      };
    });
}

/** Schemes the firm holds that are still valid when the lot ends. */
export function validSchemes(firm: EngineFirm, lotEndDate: string): Set<CertificationScheme> {
  const schemes = new Set<CertificationScheme>();
  for (const certificate of firm.certifications) {
    if (certificationValid(certificate.expires, lotEndDate)) schemes.add(certificate.scheme);
  }
  return schemes;
}

export function meetsCertifications(
  groups: readonly (readonly CertificationScheme[])[],
  held: ReadonlySet<CertificationScheme>,
): boolean {
  return groups.every((group) => group.some((scheme) => held.has(scheme)));
}

export function withinReach(lot: EngineLot, firm: EngineFirm, distanceKm: number): boolean {
  return distanceKm <= firm.serviceRadiusKm && (lot.maxDistanceKm === null || distanceKm <= lot.maxDistanceKm);
}

/** floor(capacityPerMonth × windowDays / 30) − booked units. */
export function availableUnits(capacityPerMonth: number, days: number, bookedUnits: number): number {
  return Math.floor((capacityPerMonth * days) / 30) - bookedUnits;
}

/** Booked units per firm id, then per skill. */
export function bookedUnitsByFirm(input: EngineInput): Map<string, Map<Skill, number>> {
  const booked = new Map<string, Map<Skill, number>>();
  for (const entry of input.booked) {
    const bySkill = booked.get(entry.smeId) ?? new Map<Skill, number>();
    bySkill.set(entry.skill, (bySkill.get(entry.skill) ?? 0) + entry.units);
    booked.set(entry.smeId, bySkill);
  }
  return booked;
}

export function buildMatchModel(input: EngineInput): MatchModel {
  const { lot } = input;
  const skills = lotSkills(lot);
  const skillCount = skills.length;
  const skillIndex = new Map(skills.map((skill, index) => [skill.skill, index]));
  const days = windowDays(lot.startDate, lot.endDate);
  const booked = bookedUnitsByFirm(input);

  // Certificates as bit masks, and dates compared as ISO strings (same order as
  // certificationValid for YYYY-MM-DD): this loop runs over every firm in the region.
  const schemeBit = new Map(CERTIFICATION_SCHEMES.map((scheme, index) => [scheme, 1 << index]));
  const groupMasks = skills.map((skill) =>
    skill.certificationGroups.map((group) => group.reduce((mask, scheme) => mask | schemeBit.get(scheme)!, 0)),
  );
  const isoDate = /^\d{4}-\d{2}-\d{2}$/;
  const endIsIso = isoDate.test(lot.endDate);
  const heldMask = (firm: EngineFirm): number => {
    let mask = 0;
    for (const certificate of firm.certifications) {
      const valid =
        endIsIso && certificate.expires.length === 10 && isoDate.test(certificate.expires)
          ? certificate.expires >= lot.endDate
          : certificationValid(certificate.expires, lot.endDate);
      if (valid) mask |= schemeBit.get(certificate.scheme) ?? 0;
    }
    return mask;
  };

  interface Offer {
    skill: number;
    unitCost: number;
    available: number;
  }
  const accepted: { firm: EngineFirm; distanceKm: number; socialValue: number; offers: Offer[] }[] = [];
  for (const firm of input.firms) {
    const distanceKm = haversineKm(lot.location, firm.location);
    if (!withinReach(lot, firm, distanceKm)) continue;
    if (!firm.capabilities.some((capability) => skillIndex.has(capability.skill))) continue;
    const held = heldMask(firm);
    const firmBookings = booked.get(firm.id);
    const socialValue = socialValueScore(firm.socialValue, firm.ownership);
    const offers: Offer[] = [];
    let seen = 0;
    for (const capability of firm.capabilities) {
      const index = skillIndex.get(capability.skill);
      if (index === undefined || seen & (1 << index)) continue;
      seen |= 1 << index;
      const skill = skills[index]!;
      if (!groupMasks[index]!.every((mask) => (held & mask) !== 0)) continue;
      const available = availableUnits(capability.capacityPerMonth, days, firmBookings?.get(skill.skill) ?? 0);
      // The coordinator supplies every unit or none, so a smaller free capacity can never be used.
      if (available <= 0 || (skill.unsplit && available < skill.quantity)) continue;
      const unitCost = effectiveUnitCost({
        unitPrice: capability.unitPrice,
        socialValue,
        socialValueWeight: lot.socialValueWeight,
        travelCostPerUnitKm: lot.travelCostPerUnitKm,
        distanceKm,
      });
      offers.push({ skill: index, unitCost, available });
    }
    if (offers.length > 0) accepted.push({ firm, distanceKm, socialValue, offers });
  }

  const idOrder = accepted.map((_, index) => index).sort((a, b) => compareIds(accepted[a]!.firm.id, accepted[b]!.firm.id));
  const idRank = new Int32Array(accepted.length);
  idOrder.forEach((firmIndex, rank) => (idRank[firmIndex] = rank));

  const unitCost = new Float64Array(accepted.length * skillCount).fill(Number.NaN);
  const available = new Float64Array(accepted.length * skillCount);
  const perSkill: number[][] = skills.map(() => []);
  accepted.forEach((entry, firmIndex) => {
    for (const offer of entry.offers) {
      unitCost[firmIndex * skillCount + offer.skill] = offer.unitCost;
      available[firmIndex * skillCount + offer.skill] = offer.available;
      perSkill[offer.skill]!.push(firmIndex);
    }
  });

  const offers = perSkill.map((firms, skill) => {
    const costOf = (firm: number) => unitCost[firm * skillCount + skill]!;
    firms.sort((a, b) => costOf(a) - costOf(b) || idRank[a]! - idRank[b]!);
    return {
      firms: Int32Array.from(firms),
      unitCosts: Float64Array.from(firms, costOf),
      available: Float64Array.from(firms, (firm) => available[firm * skillCount + skill]!),
    };
  });

  return {
    lot,
    skills,
    firms: accepted.map((entry, index) => ({
      firm: entry.firm,
      distanceKm: entry.distanceKm,
      socialValue: entry.socialValue,
      idRank: idRank[index]!,
    })),
    offers,
    unitCost,
    available,
  };
}

/** Ids compare by UTF-16 code units, the same order as JavaScript's default string sort. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
