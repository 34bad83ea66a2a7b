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
import type { BookedUnits, EngineFirm, EngineInput, EngineLot } from './types.ts';
import { float64Of, int32Of } from './typed.ts';

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
export function bookedUnitsByFirm(bookings: readonly BookedUnits[]): Map<string, Map<Skill, number>> {
  const booked = new Map<string, Map<Skill, number>>();
  for (const entry of bookings) {
    const bySkill = booked.get(entry.smeId) ?? new Map<Skill, number>();
    bySkill.set(entry.skill, (bySkill.get(entry.skill) ?? 0) + entry.units);
    booked.set(entry.smeId, bySkill);
  }
  return booked;
}

/**
 * The lot's side of eligibility, worked out once per lot: then a firm's
 * offers cost one pass over its capabilities (appendFirmOffers).
 */
export interface OfferRules {
  lot: EngineLot;
  skills: LotSkill[];
  skillIndex: ReadonlyMap<Skill, number>;
  /** windowDays of the lot */
  days: number;
  /** per skill, one mask of schemes per certificate group: each group needs one of its schemes */
  groupMasks: number[][];
  /** the schemes a firm holds that are still valid when the lot ends, as a mask */
  heldMask: (firm: EngineFirm) => number;
}

export function offerRules(lot: EngineLot): OfferRules {
  const skills = lotSkills(lot);
  // Certificates as bit masks; a certificate's validity depends only on its expiry
  // string, so it is decided once per distinct date: a model reads every firm in the region.
  const schemeBit = new Map(CERTIFICATION_SCHEMES.map((scheme, index) => [scheme, 1 << index]));
  const groupMasks = skills.map((skill) =>
    skill.certificationGroups.map((group) => group.reduce((mask, scheme) => mask | schemeBit.get(scheme)!, 0)),
  );
  const validByExpiry = new Map<string, boolean>();
  const heldMask = (firm: EngineFirm): number => {
    let mask = 0;
    const certificates = firm.certifications;
    for (let index = 0; index < certificates.length; index++) {
      const certificate = certificates[index]!;
      let valid = validByExpiry.get(certificate.expires);
      if (valid === undefined) {
        valid = certificationValid(certificate.expires, lot.endDate);
        validByExpiry.set(certificate.expires, valid);
      }
      if (valid) mask |= schemeBit.get(certificate.scheme) ?? 0;
    }
    return mask;
  };
  return {
    lot,
    skills,
    skillIndex: new Map(skills.map((skill, index) => [skill.skill, index])),
    days: windowDays(lot.startDate, lot.endDate),
    groupMasks,
    heldMask,
  };
}

/** Offers as flat lists: skill index, effective unit cost and free units at the same position. */
export interface FlatOffers {
  skill: number[];
  cost: number[];
  available: number[];
}

/**
 * Appends to `offers` the firm's offers for the rules' lot: each required
 * skill it has a capability for (the first one listed), holds the
 * certificates for, and has free units of (the coordinator: all of them).
 * The caller has checked that the firm is within reach, `distanceKm` away, and
 * gives its social-value score (`socialValueScore`, which the model keeps too).
 */
export function appendFirmOffers(
  rules: OfferRules,
  firm: EngineFirm,
  distanceKm: number,
  socialValue: number,
  bookedBySkill: ReadonlyMap<Skill, number> | undefined,
  offers: FlatOffers,
): void {
  const { lot, skills, skillIndex, groupMasks } = rules;
  const held = rules.heldMask(firm);
  let seen = 0;
  const capabilities = firm.capabilities;
  for (let capabilityIndex = 0; capabilityIndex < capabilities.length; capabilityIndex++) {
    const capability = capabilities[capabilityIndex]!;
    const index = skillIndex.get(capability.skill);
    if (index === undefined || seen & (1 << index)) continue;
    seen |= 1 << index;
    const skill = skills[index]!;
    if (!meetsMasks(groupMasks[index]!, held)) continue;
    const available = availableUnits(capability.capacityPerMonth, rules.days, bookedBySkill?.get(skill.skill) ?? 0);
    // The coordinator supplies every unit or none, so a smaller free capacity can never be used.
    if (available <= 0 || (skill.unsplit && available < skill.quantity)) continue;
    offers.skill.push(index);
    offers.cost.push(
      effectiveUnitCost({
        unitPrice: capability.unitPrice,
        socialValue,
        socialValueWeight: lot.socialValueWeight,
        travelCostPerUnitKm: lot.travelCostPerUnitKm,
        distanceKm,
      }),
    );
    offers.available.push(available);
  }
}

export function buildMatchModel(input: EngineInput): MatchModel {
  const { lot } = input;
  const rules = offerRules(lot);
  const { skills, skillIndex } = rules;
  const skillCount = skills.length;
  const booked = bookedUnitsByFirm(input.booked);

  // Accepted firms and their offers, flat: offers of accepted firm f are at [offerStart[f], offerStart[f + 1]).
  const acceptedFirms: EngineFirm[] = [];
  const acceptedDistance: number[] = [];
  const acceptedSocialValue: number[] = [];
  const offerStart: number[] = [0];
  const flat: FlatOffers = { skill: [], cost: [], available: [] };
  const firms = input.firms;
  for (let firmIndex = 0; firmIndex < firms.length; firmIndex++) {
    const firm = firms[firmIndex]!;
    const distanceKm = haversineKm(lot.location, firm.location);
    if (!withinReach(lot, firm, distanceKm)) continue;
    if (!offersAnySkill(firm, skillIndex)) continue;
    const before = flat.skill.length;
    const socialValue = socialValueScore(firm.socialValue, firm.ownership);
    appendFirmOffers(rules, firm, distanceKm, socialValue, booked.get(firm.id), flat);
    if (flat.skill.length === before) continue;
    acceptedFirms.push(firm);
    acceptedDistance.push(distanceKm);
    acceptedSocialValue.push(socialValue);
    offerStart.push(flat.skill.length);
  }
  const { skill: offerSkill, cost: offerCost, available: offerAvailable } = flat;

  const candidateCount = acceptedFirms.length;
  const idOrder = Array.from({ length: candidateCount }, (_, index) => index).sort((a, b) =>
    compareIds(acceptedFirms[a]!.id, acceptedFirms[b]!.id),
  );
  const idRank = new Int32Array(candidateCount);
  idOrder.forEach((firmIndex, rank) => (idRank[firmIndex] = rank));

  const unitCost = new Float64Array(candidateCount * skillCount).fill(Number.NaN);
  const available = new Float64Array(candidateCount * skillCount);
  const perSkill: number[][] = skills.map(() => []);
  for (let firmIndex = 0; firmIndex < candidateCount; firmIndex++) {
    for (let offer = offerStart[firmIndex]!; offer < offerStart[firmIndex + 1]!; offer++) {
      const skill = offerSkill[offer]!;
      unitCost[firmIndex * skillCount + skill] = offerCost[offer]!;
      available[firmIndex * skillCount + skill] = offerAvailable[offer]!;
      perSkill[skill]!.push(firmIndex);
    }
  }

  const offers = perSkill.map((firms, skill) => {
    const costOf = (firm: number) => unitCost[firm * skillCount + skill]!;
    firms.sort((a, b) => costOf(a) - costOf(b) || idRank[a]! - idRank[b]!);
    return {
      firms: int32Of(firms.length, (position) => firms[position]!),
      unitCosts: float64Of(firms.length, (position) => costOf(firms[position]!)),
      available: float64Of(firms.length, (position) => available[firms[position]! * skillCount + skill]!),
    };
  });

  return {
    lot,
    skills,
    firms: acceptedFirms.map((firm, index) => ({
      firm,
      distanceKm: acceptedDistance[index]!,
      socialValue: acceptedSocialValue[index]!,
      idRank: idRank[index]!,
    })),
    offers,
    unitCost,
    available,
  };
}

function offersAnySkill(firm: EngineFirm, skillIndex: ReadonlyMap<Skill, number>): boolean {
  const capabilities = firm.capabilities;
  for (let index = 0; index < capabilities.length; index++) if (skillIndex.has(capabilities[index]!.skill)) return true;
  return false;
}

function meetsMasks(masks: readonly number[], held: number): boolean {
  for (let index = 0; index < masks.length; index++) if ((held & masks[index]!) === 0) return false;
  return true;
}

/**
 * Every candidate's position by id, kept per model once asked for and passed
 * on to the models updated from it (updateMatchModel keeps every position):
 * a lot's model kept across changes builds it once, not per change.
 */
const keptPositions = new WeakMap<MatchModel, ReadonlyMap<string, number>>();

export function firmPositions(model: MatchModel): ReadonlyMap<string, number> {
  let positions = keptPositions.get(model);
  if (!positions) {
    positions = new Map(model.firms.map((candidate, position) => [candidate.firm.id, position]));
    keptPositions.set(model, positions);
  }
  return positions;
}

/** `updated` holds its candidates at the same positions as `from`. */
export function sharePositions(updated: MatchModel, from: MatchModel): void {
  const positions = keptPositions.get(from);
  if (positions) keptPositions.set(updated, positions);
}

/**
 * Where the firms named in `ids` are among the model's candidates (absent: not a candidate). Without
 * kept positions, one pass that looks up only the few ids asked for: a map of every candidate
 * (thousands) cost more than the merge that asks for a handful.
 */
export function positionsOf(model: MatchModel, ids: Iterable<string>): Map<string, number> {
  const wanted = new Set(ids);
  const positions = new Map<string, number>();
  const kept = keptPositions.get(model);
  if (kept) {
    for (const id of wanted) {
      const position = kept.get(id);
      if (position !== undefined) positions.set(id, position);
    }
    return positions;
  }
  const candidates = model.firms;
  for (let position = 0; position < candidates.length && positions.size < wanted.size; position++) {
    const id = candidates[position]!.firm.id;
    if (wanted.has(id)) positions.set(id, position);
  }
  return positions;
}

/** Ids compare by UTF-16 code units, the same order as JavaScript's default string sort. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
