/**
 * fast-check arbitraries for small random lots. Values are drawn from short
 * lists on purpose (a handful of locations, prices and capacities) so equal
 * effective costs, equal totals and id tie-breaks happen often.
 */
import fc from 'fast-check';
import type { CertificationScheme, Ownership, Skill } from '@lepa/shared';
import type { BookedUnits, EngineFirm, EngineInput, EngineLot } from '../types.ts';

const SKILL_POOL: Skill[] = [
  'retrofit-coordinator',
  'loft-insulation',
  'electrical',
  'air-source-heat-pump',
  'scaffolding',
  'draught-proofing',
  'retrofit-assessor',
  'solar-pv',
];
const SCHEME_POOL: CertificationScheme[] = ['pas-2030', 'pas-2035', 'mcs', 'niceic', 'napit', 'trustmark'];
/** Ids of varying length so lexicographic order differs from numeric order ("f10" < "f9"). */
const ID_POOL = ['f1', 'f10', 'f11', 'f2', 'f9', 'a', 'b7', 'c', 'f3', 'z', 'f12', 'f4', 'f5', 'f6', 'x1', 'x10'];
const LOT_LOCATION = { lat: 52.48, lon: -1.9 };
/** Offsets in degrees; several firms share each one. */
const OFFSETS = [0, 0.02, 0.05, 0.1, 0.2];
const START = '2027-03-01';
const ENDS = ['2027-03-31', '2027-04-30'];

const ownership = fc.constantFrom<Ownership>('independent', 'subsidiary', 'co-operative');

/** Mostly valid until well after the lot, sometimes exactly to its end, sometimes expired. */
const expiry = fc.oneof(
  { arbitrary: fc.constant('2028-01-01'), weight: 6 },
  { arbitrary: fc.constant('2027-04-30'), weight: 2 },
  { arbitrary: fc.constant('2027-03-15'), weight: 1 },
);

/** One random firm offering mostly the lot's skills. */
export const engineFirm = (id: string, lotSkills: readonly Skill[]): fc.Arbitrary<EngineFirm> =>
  fc.record({
    id: fc.constant(id),
    name: fc.constant(`Firm ${id}`),
    location: fc
      .record({ dLat: fc.constantFrom(...OFFSETS), dLon: fc.constantFrom(...OFFSETS) })
      .map(({ dLat, dLon }) => ({ lat: LOT_LOCATION.lat + dLat, lon: LOT_LOCATION.lon + dLon })),
    serviceRadiusKm: fc.oneof(
      { arbitrary: fc.constant(60), weight: 6 },
      { arbitrary: fc.constantFrom(5, 20), weight: 2 },
    ),
    employees: fc.constantFrom(3, 9, 30, 120),
    ownership,
    capabilities: fc
      .uniqueArray(
        fc.oneof(
          { arbitrary: fc.constantFrom(...lotSkills), weight: 5 },
          { arbitrary: fc.constantFrom(...SKILL_POOL), weight: 1 },
        ),
        { minLength: 1, maxLength: 4 },
      )
      .chain((skills) =>
        fc.tuple(
          ...skills.map((skill) =>
            fc.record({
              skill: fc.constant(skill),
              capacityPerMonth: fc.constantFrom(2, 5, 10, 20),
              unitPrice: fc.constantFrom(100, 120, 150, 400),
            }),
          ),
        ),
      ),
    certifications: fc
      .tuple(
        ...SCHEME_POOL.map((scheme) =>
          fc.option(
            expiry.map((expires) => ({ scheme, expires })),
            { freq: 10 },
          ),
        ),
      )
      .map((certificates) => certificates.filter((certificate) => certificate !== null)),
    socialValue: fc.record({
      realLivingWage: fc.boolean(),
      apprentices: fc.constantFrom(0, 1, 3),
      localEmployeesPct: fc.constantFrom(0, 50, 100),
      charterSignatory: fc.boolean(),
    }),
  });

const lot = (maxSkills: number): fc.Arbitrary<EngineLot> =>
  fc.record({
    id: fc.constant('lot-1'),
    location: fc.constant(LOT_LOCATION),
    startDate: fc.constant(START),
    endDate: fc.constantFrom(...ENDS),
    requirements: fc
      .uniqueArray(fc.constantFrom(...SKILL_POOL), { minLength: 1, maxLength: maxSkills })
      .chain((skills) =>
        fc.tuple(
          ...skills.map((skill) =>
            fc.record({
              skill: fc.constant(skill),
              quantity: fc.integer({ min: 1, max: 15 }),
              certifications: fc.subarray<CertificationScheme>(['trustmark'], { maxLength: 1 }),
            }),
          ),
        ),
      ),
    maxMembers: fc.integer({ min: 1, max: 6 }),
    maxDistanceKm: fc.oneof(
      { arbitrary: fc.constant(null), weight: 3 },
      { arbitrary: fc.constantFrom(15, 40), weight: 1 },
    ),
    socialValueWeight: fc.constantFrom(0, 1),
    travelCostPerUnitKm: fc.constantFrom(0, 2),
    coordinationCostPerMember: fc.constantFrom(0, 50, 500, 5000),
  });

export function engineInput(options: { maxFirms: number; maxSkills: number }): fc.Arbitrary<EngineInput> {
  return fc
    .record({
      lot: lot(options.maxSkills),
      ids: fc.shuffledSubarray(ID_POOL, { minLength: Math.ceil(options.maxFirms / 2), maxLength: options.maxFirms }),
    })
    .chain(({ lot, ids }) =>
      fc.record({
        lot: fc.constant(lot),
        firms:
          ids.length === 0
            ? fc.constant<EngineFirm[]>([])
            : fc.tuple(
                ...ids.map((id) =>
                  engineFirm(
                    id,
                    lot.requirements.map((requirement) => requirement.skill),
                  ),
                ),
              ),
        booked: ids.length === 0 ? fc.constant<BookedUnits[]>([]) : bookings(ids),
      }),
    );
}

const bookings = (ids: string[]): fc.Arbitrary<BookedUnits[]> =>
  fc.array(
    fc.record({
      smeId: fc.constantFrom(...ids),
      skill: fc.constantFrom(...SKILL_POOL),
      units: fc.integer({ min: 1, max: 20 }),
    }),
    { maxLength: 4 },
  );

/**
 * Lots shaped like the hard ones of the demo market: many near-tied firms
 * (prices a pound or two apart, few locations), capacities small next to
 * the quantities so fills need several firms, coordination that outweighs
 * the price differences, and tight member limits.
 */
export function hardEngineInput(options: { maxFirms: number; maxSkills: number }): fc.Arbitrary<EngineInput> {
  const hardFirm = (id: string, lotSkills: readonly Skill[]): fc.Arbitrary<EngineFirm> =>
    fc.record({
      id: fc.constant(id),
      name: fc.constant(`Firm ${id}`),
      location: fc.constantFrom(0, 0.02).map((offset) => ({ lat: LOT_LOCATION.lat + offset, lon: LOT_LOCATION.lon })),
      serviceRadiusKm: fc.constant(60),
      employees: fc.constant(5),
      ownership: fc.constantFrom<Ownership>('independent', 'subsidiary'),
      capabilities: fc.uniqueArray(fc.constantFrom(...lotSkills), { minLength: 1, maxLength: 3 }).chain((skills) =>
        fc.tuple(
          ...skills.map((skill) =>
            fc.record({
              skill: fc.constant(skill),
              capacityPerMonth: fc.constantFrom(2, 3, 5, 8, 40),
              unitPrice: fc.constantFrom(100, 101, 102, 104),
            }),
          ),
        ),
      ),
      certifications: fc.constant(SCHEME_POOL.map((scheme) => ({ scheme, expires: '2028-01-01' }))),
      socialValue: fc.record({
        realLivingWage: fc.boolean(),
        apprentices: fc.constant(0),
        localEmployeesPct: fc.constant(50),
        charterSignatory: fc.constant(false),
      }),
    });
  return fc
    .record({
      skills: fc.uniqueArray(fc.constantFrom(...SKILL_POOL), { minLength: 1, maxLength: options.maxSkills }),
      maxMembers: fc.integer({ min: 2, max: 6 }),
      coordinationCostPerMember: fc.constantFrom(0, 150, 400, 5000),
      ids: fc.shuffledSubarray(ID_POOL, { minLength: Math.ceil(options.maxFirms / 2), maxLength: options.maxFirms }),
    })
    .chain(({ skills, maxMembers, coordinationCostPerMember, ids }) =>
      fc.record({
        lot: fc
          .tuple(
            ...skills.map((skill) =>
              fc.record({
                skill: fc.constant(skill),
                quantity: fc.integer({ min: 3, max: 20 }),
                certifications: fc.constant([]),
              }),
            ),
          )
          .map((requirements): EngineLot => ({
            id: 'lot-hard',
            location: LOT_LOCATION,
            startDate: START,
            endDate: ENDS[0]!,
            requirements,
            maxMembers,
            maxDistanceKm: null,
            socialValueWeight: 1,
            travelCostPerUnitKm: 2,
            coordinationCostPerMember,
          })),
        firms: fc.tuple(...ids.map((id) => hardFirm(id, skills))),
        booked: fc.constant<BookedUnits[]>([]),
      }),
    );
}
