/**
 * Seeded regional instances for the engine benchmark: firms clustered around
 * West Midlands towns, each with a trade (a few related skills), realistic
 * price levels, monthly capacities, certificates (some expired), social value
 * commitments and some capacity already booked.
 */
import { DEFAULT_CERTIFICATIONS, type CertificationScheme, type Ownership, type Skill } from '@lepa/shared';
import type { BookedUnits, EngineFirm, EngineInput, EngineLot } from '@lepa/engine';

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOWNS = [
  { lat: 52.4862, lon: -1.8904 }, // Birmingham
  { lat: 52.4068, lon: -1.5197 }, // Coventry
  { lat: 52.5862, lon: -2.1288 }, // Wolverhampton
  { lat: 52.5859, lon: -1.9829 }, // Walsall
  { lat: 52.5123, lon: -2.0811 }, // Dudley
  { lat: 52.4113, lon: -1.7778 }, // Solihull
  { lat: 52.5368, lon: -1.9853 }, // West Bromwich
  { lat: 52.2852, lon: -1.5849 }, // Warwick
  { lat: 52.6307, lon: -1.6958 }, // Tamworth
  { lat: 52.3887, lon: -2.2497 }, // Kidderminster
  { lat: 52.3075, lon: -1.9467 }, // Redditch
  { lat: 52.6816, lon: -1.8264 }, // Lichfield
];

/** Typical unit price in GBP and monthly units a firm can do. */
const SKILL_ECONOMICS: Record<Skill, { price: number; monthly: [number, number] }> = {
  'retrofit-assessor': { price: 300, monthly: [20, 80] },
  'retrofit-coordinator': { price: 450, monthly: [20, 80] },
  'retrofit-designer': { price: 700, monthly: [15, 60] },
  'retrofit-evaluator': { price: 250, monthly: [20, 80] },
  'cavity-wall-insulation': { price: 900, monthly: [8, 40] },
  'external-wall-insulation': { price: 11000, monthly: [2, 10] },
  'internal-wall-insulation': { price: 8000, monthly: [2, 10] },
  'loft-insulation': { price: 650, monthly: [10, 50] },
  'room-in-roof-insulation': { price: 6000, monthly: [2, 10] },
  'flat-roof-insulation': { price: 3500, monthly: [3, 12] },
  'underfloor-insulation': { price: 2800, monthly: [3, 15] },
  'draught-proofing': { price: 350, monthly: [15, 60] },
  'windows-doors': { price: 5000, monthly: [4, 20] },
  ventilation: { price: 900, monthly: [8, 30] },
  'air-source-heat-pump': { price: 9500, monthly: [3, 15] },
  'ground-source-heat-pump': { price: 19000, monthly: [1, 5] },
  'solar-pv': { price: 6500, monthly: [4, 20] },
  'battery-storage': { price: 4500, monthly: [4, 20] },
  'heating-controls': { price: 450, monthly: [10, 50] },
  electrical: { price: 1300, monthly: [6, 30] },
  scaffolding: { price: 1600, monthly: [6, 30] },
  roofing: { price: 3800, monthly: [3, 15] },
};

/** Trades: the skills a firm of that kind offers some of. */
const TRADES: Skill[][] = [
  ['retrofit-coordinator', 'retrofit-assessor', 'retrofit-designer', 'retrofit-evaluator'],
  ['cavity-wall-insulation', 'loft-insulation', 'draught-proofing', 'underfloor-insulation', 'room-in-roof-insulation'],
  ['external-wall-insulation', 'internal-wall-insulation', 'scaffolding', 'draught-proofing'],
  ['air-source-heat-pump', 'ground-source-heat-pump', 'heating-controls', 'electrical'],
  ['solar-pv', 'battery-storage', 'electrical', 'heating-controls'],
  ['windows-doors', 'ventilation', 'draught-proofing'],
  ['roofing', 'flat-roof-insulation', 'scaffolding', 'room-in-roof-insulation'],
  ['retrofit-coordinator', 'retrofit-assessor', 'loft-insulation', 'cavity-wall-insulation', 'draught-proofing'],
];

const LOT_SKILLS: Skill[] = [
  'retrofit-assessor',
  'retrofit-designer',
  'cavity-wall-insulation',
  'external-wall-insulation',
  'loft-insulation',
  'draught-proofing',
  'windows-doors',
  'ventilation',
  'air-source-heat-pump',
  'solar-pv',
  'heating-controls',
  'electrical',
  'scaffolding',
  'roofing',
  'underfloor-insulation',
];

export interface InstanceShape {
  firms: number;
  skills: number;
  maxMembers: number;
}

export function regionalInstance(shape: InstanceShape, seed: number): EngineInput {
  const random = seededRandom(seed);
  const between = (low: number, high: number) => low + (high - low) * random();
  const integer = (low: number, high: number) => Math.floor(between(low, high + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const near = (centre: { lat: number; lon: number }, spreadKm: number) => ({
    lat: centre.lat + (gaussian(random) * spreadKm) / 111,
    lon: centre.lon + (gaussian(random) * spreadKm) / 68,
  });

  const firms: EngineFirm[] = [];
  const booked: BookedUnits[] = [];
  for (let index = 0; index < shape.firms; index++) {
    const trade = pick(TRADES);
    const skills = shuffle(trade, random).slice(0, integer(1, Math.min(4, trade.length)));
    const id = `sme-${seed}-${index.toString().padStart(5, '0')}`;
    const schemes = new Set<CertificationScheme>();
    for (const skill of skills) for (const group of DEFAULT_CERTIFICATIONS[skill]) schemes.add(pick(group));
    if (random() < 0.5) schemes.add('trustmark');
    if (random() < 0.3) schemes.add('chas');
    firms.push({
      id,
      name: `Firm ${index}`,
      location: random() < 0.8 ? near(pick(TOWNS), 6) : near(TOWNS[0]!, 25),
      serviceRadiusKm: integer(15, 60),
      employees: Math.max(1, Math.round(Math.exp(between(0.5, 5)))),
      ownership: pick<Ownership>([
        'independent',
        'independent',
        'independent',
        'independent',
        'subsidiary',
        'employee-owned',
        'co-operative',
        'social-enterprise',
      ]),
      capabilities: skills.map((skill) => {
        const economics = SKILL_ECONOMICS[skill];
        return {
          skill,
          capacityPerMonth: integer(...economics.monthly),
          unitPrice: Math.round(economics.price * between(0.8, 1.3)),
        };
      }),
      certifications: [...schemes].map((scheme) => ({
        scheme,
        expires: random() < 0.9 ? `2028-${String(integer(1, 12)).padStart(2, '0')}-15` : '2026-12-31',
      })),
      socialValue: {
        realLivingWage: random() < 0.5,
        apprentices: random() < 0.4 ? integer(1, 4) : 0,
        localEmployeesPct: integer(20, 100),
        charterSignatory: random() < 0.25,
      },
    });
    if (random() < 0.2) booked.push({ smeId: id, skill: pick(skills), units: integer(5, 40) });
  }

  const homes = integer(40, 160);
  const lotSkills: Skill[] = ['retrofit-coordinator', ...shuffle(LOT_SKILLS, random).slice(0, shape.skills - 1)];
  const lot: EngineLot = {
    id: `lot-${seed}`,
    location: near(pick(TOWNS), 4),
    startDate: '2027-03-01',
    endDate: '2027-09-01',
    requirements: lotSkills.map((skill) => ({
      skill,
      quantity: skill.startsWith('retrofit-') ? homes : Math.max(1, Math.round(homes * between(0.2, 1))),
      certifications: random() < 0.2 ? (['trustmark'] as CertificationScheme[]) : [],
    })),
    maxMembers: shape.maxMembers,
    maxDistanceKm: random() < 0.3 ? 40 : null,
    socialValueWeight: 1,
    travelCostPerUnitKm: 2,
    coordinationCostPerMember: 5000,
  };
  return { lot, firms, booked };
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}
