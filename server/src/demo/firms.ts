import type { Capability, Ownership, Skill, SmeInput } from '@lepa/shared';
import { certificationsFor } from './certifications.ts';
import type { FirmNamer } from './firm-names.ts';
import { FIRM_TYPES } from './firm-types.ts';
import { postcodeIn, scatter } from './places.ts';
import type { Random } from './random.ts';
import { socialValueFor } from './social-value.ts';
import { TOWNS, townNamed } from './towns.ts';
import { TRADE_FACTS } from './trades.ts';

const OWNERSHIP_SHARES: readonly (readonly [Ownership, number])[] = [
  ['independent', 0.78],
  ['social-enterprise', 0.07],
  ['co-operative', 0.04],
  ['employee-owned', 0.05],
  ['subsidiary', 0.06],
];

/**
 * Units per month the whole region can deliver, where supply is known to be
 * the bottleneck. Solid-wall crews are scarce, and the cap keeps the Ladywood
 * showcase lot (400 homes of EWI in one month) over capacity by construction.
 */
const REGIONAL_MONTHLY_CAPACITY: Readonly<Partial<Record<Skill, number>>> = {
  'external-wall-insulation': 150,
};

/** Generates `count` ordinary firms; each call shares one regional capacity budget. */
export function generateFirms(random: Random, count: number, today: string, namer: FirmNamer): SmeInput[] {
  const capacityLeft = new Map(Object.entries(REGIONAL_MONTHLY_CAPACITY) as [Skill, number][]);
  return Array.from({ length: count }, () => generateFirm(random, today, namer, capacityLeft));
}

function generateFirm(random: Random, today: string, namer: FirmNamer, capacityLeft: Map<Skill, number>): SmeInput {
  const type = random.weighted(FIRM_TYPES, (t) => t.weight);
  const town = type.towns ? townNamed(random.pick(type.towns)) : random.weighted(TOWNS, (t) => t.weight);
  const [ownership] = random.weighted(OWNERSHIP_SHARES, ([, share]) => share);
  const employees = staffSize(random, ownership);
  const skills = [...type.core, ...type.optional.filter(([, chance]) => random.chance(chance)).map(([skill]) => skill)];
  const capabilities = skills
    .map((skill) => capability(random, skill, employees, skills.length))
    .flatMap((offer) => withinRegionalCapacity(offer, capacityLeft));
  const [minRadius, maxRadius] = type.serviceRadiusKm;
  // Big firms run vans further; the type's range still bounds it (ground-source reach matters).
  const radius = Math.round((random.between(minRadius, maxRadius) + (employees >= 50 ? 10 : 0)) / 5) * 5;
  return {
    name: namer.next(type, town, ownership),
    postcode: postcodeIn(random, town.districts),
    location: scatter(random, town.lat, town.lon, town.spreadKm),
    serviceRadiusKm: Math.min(maxRadius, Math.max(minRadius, radius)),
    employees,
    ownership,
    capabilities,
    certifications: certificationsFor(
      random,
      capabilities.map((c) => c.skill),
      type.extraCertifications,
      employees,
      today,
    ),
    socialValue: socialValueFor(random, ownership, employees, town.area),
  };
}

/** Mostly micro and small firms; regional arms of national groups are the big ones. */
function staffSize(random: Random, ownership: Ownership): number {
  if (ownership === 'subsidiary') return random.int(40, 200);
  const roll = random.next();
  if (roll < 0.35) return random.int(1, 4);
  if (roll < 0.7) return random.int(5, 12);
  if (roll < 0.93) return random.int(13, 25);
  if (roll < 0.98) return random.int(26, 49);
  return random.int(50, 200);
}

/** Staff share their time across skills, so each extra skill lowers the monthly rate of the others. */
function capability(random: Random, skill: Skill, employees: number, skillCount: number): Capability {
  const { price, homesPerPersonMonth } = TRADE_FACTS[skill];
  const capacity = (employees * homesPerPersonMonth * random.between(0.7, 1.3)) / Math.sqrt(skillCount);
  const unitPrice = random.between(price[0], price[1]);
  const step = unitPrice < 1000 ? 5 : 50;
  return { skill, capacityPerMonth: Math.max(1, Math.round(capacity)), unitPrice: Math.round(unitPrice / step) * step };
}

function withinRegionalCapacity(offer: Capability, capacityLeft: Map<Skill, number>): Capability[] {
  const left = capacityLeft.get(offer.skill);
  if (left === undefined) return [offer];
  if (left <= 0) return [];
  const capacityPerMonth = Math.min(left, offer.capacityPerMonth);
  capacityLeft.set(offer.skill, left - capacityPerMonth);
  return [{ ...offer, capacityPerMonth }];
}
