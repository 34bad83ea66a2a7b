import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CertificationScheme, Skill } from '@lepa/shared';
import { allocateProgramme } from './allocate.ts';
import type { AllocationResult, ProgrammeInput } from './types.ts';
import type { BookedUnits, EngineFirm, EngineLot } from '../types.ts';
import {
  bruteForceAllocations,
  capacityViolations,
  overlap,
  validSetsPerLot,
} from '../testing/programme-brute-force.ts';
import { bruteForceTopK } from '../testing/brute-force.ts';
import { marketDepth } from '../dry-run/market-depth.ts';
import { blockedByRule } from './blocked.ts';
import { buildProgrammeModel } from './columns.ts';
import type { BruteSet } from '../testing/brute-force.ts';

const SKILLS: Skill[] = ['loft-insulation', 'electrical', 'scaffolding', 'retrofit-coordinator'];
const SCHEMES: CertificationScheme[] = ['pas-2030', 'pas-2035', 'niceic', 'trustmark'];
const IDS = ['f1', 'f10', 'f2', 'a', 'b7', 'z', 'f3', 'x1'];
const CENTRE = { lat: 52.48, lon: -1.9 };
/** [start, end): March and April overlap the long lot, not each other. */
const WINDOWS = [
  ['2027-03-01', '2027-03-31'],
  ['2027-04-01', '2027-04-30'],
  ['2027-03-15', '2027-04-15'],
  ['2027-03-01', '2027-04-30'],
] as const;

const firmArb = (id: string): fc.Arbitrary<EngineFirm> =>
  fc.record({
    id: fc.constant(id),
    name: fc.constant(`Firm ${id}`),
    location: fc.constantFrom(0, 0.05, 0.3).map((offset) => ({ lat: CENTRE.lat + offset, lon: CENTRE.lon })),
    serviceRadiusKm: fc.constantFrom(60, 60, 10),
    employees: fc.constantFrom(4, 30, 120),
    ownership: fc.constantFrom('independent' as const, 'subsidiary' as const),
    capabilities: fc.uniqueArray(fc.constantFrom(...SKILLS), { minLength: 1, maxLength: 3 }).chain((skills) =>
      fc.tuple(
        ...skills.map((skill) =>
          fc.record({
            skill: fc.constant(skill),
            capacityPerMonth: fc.constantFrom(3, 6, 12),
            unitPrice: fc.constantFrom(100, 110, 150),
          }),
        ),
      ),
    ),
    certifications: fc.constant(SCHEMES.map((scheme) => ({ scheme, expires: '2028-01-01' }))),
    socialValue: fc.record({
      realLivingWage: fc.boolean(),
      apprentices: fc.constantFrom(0, 1),
      localEmployeesPct: fc.constant(50),
      charterSignatory: fc.constant(false),
    }),
  });

const lotArb = (id: string): fc.Arbitrary<EngineLot> =>
  fc
    .record({
      id: fc.constant(id),
      location: fc.constant(CENTRE),
      window: fc.constantFrom(...WINDOWS),
      requirements: fc.uniqueArray(fc.constantFrom(...SKILLS), { minLength: 1, maxLength: 2 }).chain((skills) =>
        fc.tuple(
          ...skills.map((skill) =>
            fc.record({
              skill: fc.constant(skill),
              quantity: fc.integer({ min: 1, max: 8 }),
              certifications: fc.constant<CertificationScheme[]>([]),
            }),
          ),
        ),
      ),
      maxMembers: fc.integer({ min: 1, max: 3 }),
      coordinationCostPerMember: fc.constantFrom(0, 50, 500),
    })
    .map(({ window, ...rest }) => ({
      ...rest,
      startDate: window[0],
      endDate: window[1],
      maxDistanceKm: null,
      socialValueWeight: 1,
      travelCostPerUnitKm: 2,
    }));

const programmeArb: fc.Arbitrary<ProgrammeInput> = fc
  .record({
    lotCount: fc.integer({ min: 1, max: 4 }),
    ids: fc.shuffledSubarray(IDS, { minLength: 3, maxLength: 7 }),
  })
  .chain(({ lotCount, ids }) =>
    fc.record({
      firms: fc.tuple(...ids.map(firmArb)),
      lots: fc.tuple(
        ...Array.from({ length: lotCount }, (_, index) =>
          fc.record({
            lot: lotArb(`lot-${index}`),
            booked: fc.array(
              fc.record({
                smeId: fc.constantFrom(...ids),
                skill: fc.constantFrom(...SKILLS),
                units: fc.integer({ min: 1, max: 6 }),
              }),
              { maxLength: 2 },
            ) as fc.Arbitrary<BookedUnits[]>,
          }),
        ),
      ),
    }),
  );

/** Each chosen proposal is a valid set of its lot with exactly the brute force's split and cost; capacity holds. */
function expectFeasible(input: ProgrammeInput, result: AllocationResult, sets: BruteSet[][]): (BruteSet | null)[] {
  const chosen = result.lots.map((entry, lot) => {
    expect(entry.lotId).toBe(input.lots[lot]!.lot.id);
    if (!entry.covered) return null;
    const members = entry.proposal!.members.map((member) => member.smeId).sort();
    const set = sets[lot]!.find((candidate) => candidate.members.join() === members.join());
    expect(set, `lot ${lot}: {${members.join()}} is a valid proposal`).toBeDefined();
    expect(Math.round(entry.proposal!.cost * 100)).toBe(set!.cents);
    input.lots[lot]!.lot.requirements.forEach((requirement, index) => {
      for (const [id, units] of set!.fills[index]!) {
        const given = entry
          .proposal!.members.find((member) => member.smeId === id)!
          .assignments.filter((assignment) => assignment.skill === requirement.skill)
          .reduce((sum, assignment) => sum + assignment.quantity, 0);
        expect(given).toBe(units);
      }
    });
    return set!;
  });
  expect(capacityViolations(input, chosen)).toEqual([]);
  expect(result.totals.lotsCovered).toBe(chosen.filter(Boolean).length);
  expect(Math.round(result.totals.cost * 100)).toBe(chosen.reduce((sum, set) => sum + (set?.cents ?? 0), 0));
  expect(result.totals.distinctFirms).toBe(new Set(chosen.flatMap((set) => set?.members ?? [])).size);
  return chosen;
}

describe('programme allocation against a brute force', () => {
  it('cheapest: the most lots, then the least cost; every answer feasible', () => {
    fc.assert(
      fc.property(programmeArb, (input) => {
        const result = allocateProgramme(input, { policy: 'cheapest', timeBudgetMs: 20_000 });
        const sets = validSetsPerLot(input);
        expectFeasible(input, result, sets);
        const all = bruteForceAllocations(input);
        const covered = Math.max(...all.map((entry) => entry.covered));
        const cents = Math.min(...all.filter((entry) => entry.covered === covered).map((entry) => entry.cents));
        expect(result.status).toBe('optimal');
        expect(result.totals.lotsCovered).toBe(covered);
        expect(Math.round(result.totals.cost * 100)).toBe(cents);
      }),
      { numRuns: 60, seed: 10 },
    );
  });

  it('reach: same lots, within the tolerance of the cheapest cost, the most distinct firms', () => {
    fc.assert(
      fc.property(programmeArb, fc.constantFrom(0, 2, 10, 50), (input, tolerance) => {
        const result = allocateProgramme(input, { policy: 'reach', costTolerancePct: tolerance, timeBudgetMs: 20_000 });
        const sets = validSetsPerLot(input);
        expectFeasible(input, result, sets);
        const all = bruteForceAllocations(input);
        const covered = Math.max(...all.map((entry) => entry.covered));
        const cheapest = Math.min(...all.filter((entry) => entry.covered === covered).map((entry) => entry.cents));
        const budget = Math.floor(cheapest * (1 + tolerance / 100) + 1e-6);
        const within = all.filter((entry) => entry.covered === covered && entry.cents <= budget);
        expect(result.status).toBe('optimal');
        expect(result.totals.lotsCovered).toBe(covered);
        expect(Math.round(result.totals.cost * 100)).toBeLessThanOrEqual(budget);
        expect(result.totals.distinctFirms).toBe(Math.max(...within.map((entry) => entry.distinct)));
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('the baseline awards lots in start-date order, each its rank-1 set on the capacity earlier lots left', () => {
    fc.assert(
      fc.property(programmeArb, (input) => {
        const result = allocateProgramme(input, { policy: 'cheapest', timeBudgetMs: 20_000 });
        const order = input.lots
          .map((_, index) => index)
          .sort((a, b) => {
            const lotA = input.lots[a]!.lot;
            const lotB = input.lots[b]!.lot;
            return lotA.startDate.localeCompare(lotB.startDate) || (lotA.id < lotB.id ? -1 : 1);
          });
        const awarded: { lot: number; set: BruteSet }[] = [];
        for (const lot of order) {
          const entry = input.lots[lot]!;
          const extra = awarded
            .filter((earlier) => overlap(entry.lot, input.lots[earlier.lot]!.lot))
            .flatMap((earlier) =>
              input.lots[earlier.lot]!.lot.requirements.flatMap((requirement, index) =>
                earlier.set.fills[index]!.map(([smeId, units]) => ({ smeId, skill: requirement.skill, units })),
              ),
            );
          const [best] = bruteForceTopK({ lot: entry.lot, firms: input.firms, booked: [...entry.booked, ...extra] }, 1);
          if (best) awarded.push({ lot, set: best });
        }
        expect(result.baseline.lotsCovered).toBe(awarded.length);
        expect(Math.round(result.baseline.cost * 100)).toBe(awarded.reduce((sum, entry) => sum + entry.set.cents, 0));
        expect(result.baseline.distinctFirms).toBe(new Set(awarded.flatMap((entry) => entry.set.members)).size);
      }),
      { numRuns: 40, seed: 12 },
    );
  });
});

describe('lots the capacity rule rules out', () => {
  it('a lot called blocked has no valid proposal that fits even with nothing else covered', () => {
    let blockedSeen = 0;
    fc.assert(
      fc.property(programmeArb, (input) => {
        const programme = buildProgrammeModel(input);
        const sets = validSetsPerLot(input);
        input.lots.forEach((_, lot) => {
          if (!blockedByRule(programme, lot)) return;
          blockedSeen += 1;
          for (const set of sets[lot]!) {
            const alone = input.lots.map((__, other) => (other === lot ? set : null));
            expect(capacityViolations(input, alone)).not.toEqual([]);
          }
        });
      }),
      { numRuns: 200, seed: 14 },
    );
    expect(blockedSeen).toBeGreaterThan(0);
  });
});

describe('dry-run consortia count against a brute force', () => {
  it('counts every valid member set', () => {
    fc.assert(
      fc.property(programmeArb, (input) => {
        const lot = input.lots[0]!;
        const engineInput = { lot: lot.lot, firms: input.firms, booked: lot.booked };
        const depth = marketDepth(engineInput, { timeBudgetMs: 20_000 });
        const brute = bruteForceTopK(engineInput, Number.MAX_SAFE_INTEGER);
        expect(depth.consortiaCount).toBe(Math.min(1000, brute.length));
        expect(depth.countCapped).toBe(brute.length > 1000);
        expect(depth.coverable).toBe(brute.length > 0);
        if (brute.length > 0) expect(Math.round(depth.cheapestCost! * 100)).toBe(brute[0]!.cents);
      }),
      { numRuns: 100, seed: 13 },
    );
  });
});
