/**
 * Why a lot cannot be covered, in words a housing officer can act on.
 *
 * Per required skill, the first failing stage of the eligibility funnel is
 * reported: nobody offers it → nobody offering it holds the certificates →
 * nobody certified is within reach → not enough free units in the window →
 * more firms needed than the member limit allows. When every skill can be
 * covered on its own but not all together, one lot-level entry says how many
 * firms the smallest joint cover needs.
 */
import { haversineKm, windowDays, type CertificationScheme } from '@lepa/shared';
import { float64Of } from './typed.ts';
import {
  availableUnits,
  bookedUnitsByFirm,
  meetsCertifications,
  validSchemes,
  withinReach,
  type LotSkill,
  type MatchModel,
} from './eligibility.ts';
import { day, km, plural, schemeGroupPhrase, skillPhrase } from './format.ts';
import type { EngineFirm, EngineInput, Unmet } from './types.ts';

/** Who the diagnosis is about: every registered firm, or the members a lead picked. */
export type DiagnosisScope = 'registered' | 'chosen';

/** Unmet entries for skills that fail on their own (empty when each skill can be covered alone). */
export function diagnoseSkills(input: EngineInput, model: MatchModel, scope: DiagnosisScope = 'registered'): Unmet[] {
  const unmet: Unmet[] = [];
  model.skills.forEach((skill, index) => {
    const entry = diagnoseSkill(input, model, skill, index, scope);
    if (entry) unmet.push(entry);
  });
  return unmet;
}

function diagnoseSkill(
  input: EngineInput,
  model: MatchModel,
  skill: LotSkill,
  index: number,
  scope: DiagnosisScope,
): Unmet | null {
  const firmWord = scope === 'registered' ? 'firm' : 'member';
  const { lot } = input;
  const required = skill.quantity;
  const offers = model.offers[index]!;
  const freeUnits = float64Of(offers.available.length, (at) => Math.min(offers.available[at]!, required))
    .sort()
    .reverse();
  const totalFree = freeUnits.reduce((sum, units) => sum + units, 0);
  const name = skillPhrase(skill.skill);
  const entry = (reason: Unmet['reason'], available: number, message: string, extra: Partial<Unmet> = {}): Unmet => ({
    skill: skill.skill,
    required,
    available,
    shortfall: required - available,
    reason,
    message,
    ...extra,
  });

  if (offers.firms.length === 0) {
    const offering = input.firms.filter((firm) =>
      firm.capabilities.some((capability) => capability.skill === skill.skill),
    );
    if (offering.length === 0)
      return entry('no-firm', 0, `No ${scope === 'registered' ? 'registered firm' : 'chosen member'} offers ${name}.`);
    const certified = offering.filter((firm) =>
      meetsCertifications(skill.certificationGroups, validSchemes(firm, lot.endDate)),
    );
    const certificationText = skill.certificationGroups.map(schemeGroupPhrase).join(' and ');
    if (certified.length === 0) {
      const missing = skill.certificationGroups.filter(
        (group) => !offering.some((firm) => meetsCertifications([group], validSchemes(firm, lot.endDate))),
      );
      const lacking = (missing.length > 0 ? missing : skill.certificationGroups).map((group) => [...group]);
      return entry(
        'certification',
        0,
        `${plural(offering.length, firmWord)} ${offering.length === 1 ? 'offers' : 'offer'} ${name}, but none holds ` +
          `${certificationText} certification valid until the lot ends (${day(lot.endDate)}).`,
        { missingCertifications: lacking as CertificationScheme[][] },
      );
    }
    const distances = certified.map((firm) => ({ firm, distanceKm: haversineKm(lot.location, firm.location) }));
    const reachable = distances.filter(({ firm, distanceKm }) => withinReach(lot, firm, distanceKm));
    if (reachable.length === 0) {
      const nearest = Math.min(...distances.map(({ distanceKm }) => distanceKm));
      const certifiedAs = skill.certificationGroups.length > 0 ? `${certificationText}-certified ` : '';
      const limit =
        lot.maxDistanceKm === null ? 'whose service area covers the lot' : `within ${km(lot.maxDistanceKm)}`;
      const trade = skill.skill.startsWith('retrofit-') ? 'provider' : 'installer';
      return entry('distance', 0, `No ${certifiedAs}${name} ${trade} ${limit}; the nearest is ${km(nearest)} away.`, {
        nearestKm: Math.round(nearest * 10) / 10,
      });
    }
    const { available, message } = exhaustedCapacity(
      input,
      skill,
      reachable.map(({ firm }) => firm),
    );
    return entry('capacity', available, message);
  }

  if (totalFree < required) {
    return entry(
      'capacity',
      totalFree,
      `Not enough ${name} capacity in the window: ${totalFree} of ${required} units are free among eligible ${firmWord}s.`,
    );
  }
  let covered = 0;
  let firmsNeeded = 0;
  while (covered < required) covered += freeUnits[firmsNeeded++]!;
  if (firmsNeeded > lot.maxMembers) {
    const withinLimit = freeUnits.slice(0, Math.max(0, lot.maxMembers)).reduce((sum, units) => sum + units, 0);
    return entry(
      'member-limit',
      withinLimit,
      `Member limit: covering ${required} ${name} units needs at least ${plural(firmsNeeded, 'firm')}; the lot allows ${lot.maxMembers}.`,
      { firmsNeeded },
    );
  }
  return null;
}

/**
 * Certified firms in reach with nothing usable: booked up elsewhere, or, for
 * the unsplit coordinator, too little free to take every unit alone.
 */
function exhaustedCapacity(
  input: EngineInput,
  skill: LotSkill,
  reachable: readonly EngineFirm[],
): { available: number; message: string } {
  const name = skillPhrase(skill.skill);
  const days = windowDays(input.lot.startDate, input.lot.endDate);
  const booked = bookedUnitsByFirm(input.booked);
  const largest = Math.max(
    0,
    ...reachable.map((firm) => {
      const capability = firm.capabilities.find((candidate) => candidate.skill === skill.skill)!;
      return availableUnits(capability.capacityPerMonth, days, booked.get(firm.id)?.get(skill.skill) ?? 0);
    }),
  );
  if (skill.unsplit && largest > 0) {
    return {
      available: largest,
      message:
        `Not enough ${name} capacity in the window: one firm must take all ${skill.quantity} units, ` +
        `and the most any eligible firm has free is ${largest}.`,
    };
  }
  return {
    available: 0,
    message: `Not enough ${name} capacity in the window: 0 of ${skill.quantity} units are free (eligible firms are fully booked).`,
  };
}

/** `exact`: the smallest cover was found; otherwise `firmsNeeded` is a proven lower bound. */
export function jointMemberLimitUnmet(maxMembers: number, firmsNeeded: number, exact: boolean): Unmet {
  const needs = exact ? `needs ${plural(firmsNeeded, 'firm')}` : `needs at least ${plural(firmsNeeded, 'firm')}`;
  return {
    skill: null,
    required: firmsNeeded,
    available: maxMembers,
    shortfall: firmsNeeded - maxMembers,
    reason: 'member-limit',
    message: `Each skill can be covered on its own, but the smallest consortium covering them all ${needs}; the lot allows ${maxMembers}.`,
    firmsNeeded,
  };
}
