import type { LotInput, Requirement, Skill } from '@lepa/shared';
import { monthWindow } from './dates.ts';
import { postcodeIn } from './places.ts';
import { PROGRAMMES, type Measure } from './programmes.ts';
import { PROVIDERS, type Neighbourhood, type Provider } from './providers.ts';
import type { Random } from './random.ts';

export interface GeneratedLot {
  providerKey: string;
  input: LotInput;
}

/** Homes one lot can move through in a month before providers phase it instead. */
const HOMES_PER_MONTH = 70;
/**
 * Homes a month providers plan for the slow measures few crews in the region
 * do; a lot needing more than six months of them is made smaller.
 */
const MONTHLY_PACE: Readonly<Partial<Record<Skill, number>>> = {
  'external-wall-insulation': 8,
  'internal-wall-insulation': 30,
  'room-in-roof-insulation': 8,
  'air-source-heat-pump': 40,
};
const pace = (skill: Skill) => MONTHLY_PACE[skill] ?? Number.POSITIVE_INFINITY;
const MAX_MONTHS = 6;
/** Work starts next month at the earliest and ends within twelve months of then (2027 by default). */
const HORIZON_MONTHS = 12;
/** Measures a funder's TrustMark condition applies to (work in the home, not scaffolding or wiring). */
const TRUSTMARK_SKILLS: ReadonlySet<Skill> = new Set([
  'retrofit-coordinator',
  'loft-insulation',
  'cavity-wall-insulation',
  'internal-wall-insulation',
  'external-wall-insulation',
  'draught-proofing',
  'windows-doors',
]);
const MAX_REQUIREMENTS = 10;

/**
 * Open lots the providers post in turn, in neighbourhoods not taken by the
 * showcase lots. A place gets a second phase only once the provider has
 * used all its others.
 */
export function generateOrdinaryLots(
  random: Random,
  count: number,
  today: string,
  reserved: ReadonlySet<string>,
): GeneratedLot[] {
  const titles = new Set<string>();
  const unused = new Map(PROVIDERS.map((p) => [p.key, available(p, reserved)]));
  return Array.from({ length: count }, (_, index) => {
    const provider = PROVIDERS[index % PROVIDERS.length] as Provider;
    let places = unused.get(provider.key) ?? [];
    if (places.length === 0) places = available(provider, reserved);
    const place = random.pick(places);
    unused.set(
      provider.key,
      places.filter((p) => p !== place),
    );
    const input = ordinaryLot(random, place, today);
    let title = input.title;
    for (let phase = 2; titles.has(title); phase += 1) title = `${input.title} (phase ${phase})`;
    titles.add(title);
    return { providerKey: provider.key, input: { ...input, title } };
  });
}

function available(provider: Provider, reserved: ReadonlySet<string>): Neighbourhood[] {
  return provider.neighbourhoods.filter((n) => !reserved.has(n.name));
}

function ordinaryLot(random: Random, place: Neighbourhood, today: string): LotInput {
  const programme = random.pick(PROGRAMMES);
  const measures: Measure[] = [
    ...roles(random),
    ...programme.measures,
    ...programme.optional.filter(([, chance]) => random.chance(chance)).map(([m]) => m),
  ];
  const homes = Math.floor(
    Math.min(homesInLot(random), ...measures.map(([skill, share]) => (MAX_MONTHS * pace(skill)) / share)),
  );
  const slowest = Math.max(
    Math.ceil(homes / HOMES_PER_MONTH),
    ...measures.map(([skill, share]) => Math.ceil((homes * share) / pace(skill))),
  );
  const months = Math.min(MAX_MONTHS, Math.max(slowest, random.int(1, MAX_MONTHS)));
  const trustmarkOnly = random.chance(0.25);
  const requirements = measures.slice(0, MAX_REQUIREMENTS).map(([skill, share]): Requirement => {
    const quantity = Math.max(1, Math.round(homes * share));
    return trustmarkOnly && TRUSTMARK_SKILLS.has(skill)
      ? { skill, quantity, certifications: ['trustmark'] }
      : { skill, quantity };
  });
  return {
    title: `${place.name}: ${programme.title}`,
    postcode: postcodeIn(random, [place.district]),
    location: { lat: place.lat, lon: place.lon },
    homes,
    ...monthWindow(today, random.int(1, HORIZON_MONTHS + 1 - months), months),
    requirements,
    ...(random.chance(0.25) ? { maxMembers: random.pick([4, 5, 8]) } : {}),
    ...(random.chance(0.2) ? { maxDistanceKm: random.pick([25, 30, 40]) } : {}),
    ...(random.chance(0.3) ? { socialValueWeight: random.pick([0.5, 1.5, 2]) } : {}),
    ...(random.chance(0.15) ? { travelCostPerUnitKm: random.pick([1, 3]) } : {}),
    ...(random.chance(0.15) ? { coordinationCostPerMember: random.pick([2500, 7500]) } : {}),
  };
}

/** Mostly estates of a few dozen homes, some whole estates of a few hundred. */
function homesInLot(random: Random): number {
  const roll = random.next();
  if (roll < 0.55) return random.int(20, 80);
  if (roll < 0.85) return random.int(81, 180);
  return random.int(181, 400);
}

/** PAS 2035 roles: most lots are funded work that needs a coordinator and an assessment of every home. */
function roles(random: Random): Measure[] {
  if (!random.chance(0.85)) return random.chance(0.5) ? [['retrofit-assessor', 1]] : [];
  const picked: Measure[] = [
    ['retrofit-coordinator', 1],
    ['retrofit-assessor', 1],
  ];
  if (random.chance(0.45)) picked.push(['retrofit-designer', 1]);
  // Evaluation is done on a sample of homes.
  if (random.chance(0.3)) picked.push(['retrofit-evaluator', random.pick([0.25, 0.5])]);
  return picked;
}
