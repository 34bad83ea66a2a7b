import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { windowDays, type Skill } from '@lepa/shared';
import { solve } from '../solve.ts';
import { splitForMembers } from '../split-for-members.ts';
import type { BookedUnits, EngineFirm, EngineLot, Proposal } from '../types.ts';
import { allocateProgramme } from './allocate.ts';
import { buildProgrammeModel, addProposal } from './columns.ts';
import { greedyCheapest } from './greedy.ts';
import type { AllocationResult, ProgrammeInput } from './types.ts';

/**
 * Crowded programmes: too many candidates to list every valid proposal (so the
 * allocation works from generated columns), short and long windows overlapping
 * (so the literal capacity rule binds), capacities small against the quantities.
 */
const SKILLS: Skill[] = ['retrofit-coordinator', 'loft-insulation', 'electrical', 'scaffolding', 'solar-pv'];
const CENTRE = { lat: 52.48, lon: -1.9 };
const WINDOWS = [
  ['2027-03-01', '2027-03-31'],
  ['2027-03-01', '2027-05-30'],
  ['2027-04-01', '2027-04-30'],
  ['2027-03-15', '2027-06-13'],
  ['2027-05-01', '2027-05-31'],
  ['2027-02-01', '2027-07-31'],
] as const;

const firmArb = (index: number): fc.Arbitrary<EngineFirm> =>
  fc.record({
    id: fc.constant(`firm-${String(index).padStart(3, '0')}`),
    name: fc.constant(`Firm ${index}`),
    location: fc.constantFrom(0, 0.05, 0.15).map((offset) => ({ lat: CENTRE.lat + offset, lon: CENTRE.lon })),
    serviceRadiusKm: fc.constant(60),
    employees: fc.constantFrom(4, 30, 120),
    ownership: fc.constantFrom('independent' as const, 'subsidiary' as const),
    capabilities: fc.uniqueArray(fc.constantFrom(...SKILLS), { minLength: 1, maxLength: 3 }).chain((skills) =>
      fc.tuple(
        ...skills.map((skill) =>
          fc.record({
            skill: fc.constant(skill),
            capacityPerMonth: fc.constantFrom(4, 8, 15, 30),
            unitPrice: fc.constantFrom(90, 100, 120, 150),
          }),
        ),
      ),
    ),
    certifications: fc.constant(
      (['pas-2030', 'pas-2035', 'mcs', 'niceic'] as const).map((scheme) => ({ scheme, expires: '2028-01-01' })),
    ),
    socialValue: fc.record({
      realLivingWage: fc.boolean(),
      apprentices: fc.constantFrom(0, 1),
      localEmployeesPct: fc.constant(50),
      charterSignatory: fc.constant(false),
    }),
  });

const lotArb = (index: number): fc.Arbitrary<EngineLot> =>
  fc
    .record({
      window: fc.constantFrom(...WINDOWS),
      skills: fc.uniqueArray(fc.constantFrom(...SKILLS.slice(1)), { minLength: 1, maxLength: 3 }),
      quantities: fc.array(fc.integer({ min: 8, max: 40 }), { minLength: 4, maxLength: 4 }),
      coordinated: fc.boolean(),
      maxMembers: fc.integer({ min: 3, max: 6 }),
    })
    .map(({ window, skills, quantities, coordinated, maxMembers }) => ({
      id: `lot-${index}`,
      location: CENTRE,
      startDate: window[0],
      endDate: window[1],
      requirements: [...(coordinated ? (['retrofit-coordinator'] as const) : []), ...skills].map((skill, at) => ({
        skill,
        quantity: skill === 'retrofit-coordinator' ? 10 : quantities[at]!,
        certifications: [],
      })),
      maxMembers,
      maxDistanceKm: null,
      socialValueWeight: 1,
      travelCostPerUnitKm: 2,
      coordinationCostPerMember: 500,
    }));

const crowdedProgramme: fc.Arbitrary<ProgrammeInput> = fc
  .record({ firmCount: fc.integer({ min: 25, max: 40 }), lotCount: fc.integer({ min: 4, max: 8 }) })
  .chain(({ firmCount, lotCount }) =>
    fc.record({
      firms: fc.tuple(...Array.from({ length: firmCount }, (_, index) => firmArb(index))),
      lots: fc.tuple(
        ...Array.from({ length: lotCount }, (_, index) => lotArb(index).map((lot) => ({ lot, booked: [] }))),
      ),
    }),
  );

const overlap = (a: EngineLot, b: EngineLot) => a.startDate < b.endDate && b.startDate < a.endDate;

/** The literal rule, checked from the proposals alone: per lot L, firm and skill, units on L and overlapping lots ≤ available for L. */
function overCapacity(
  input: ProgrammeInput,
  proposals: readonly (Proposal | AllocationResult['lots'][number]['proposal'] | null)[],
) {
  const problems: string[] = [];
  input.lots.forEach(({ lot }) => {
    const used = new Map<string, number>();
    proposals.forEach((proposal, other) => {
      if (!proposal || !overlap(lot, input.lots[other]!.lot)) return;
      for (const member of proposal.members)
        for (const assignment of member.assignments) {
          const key = `${member.smeId} ${assignment.skill}`;
          used.set(key, (used.get(key) ?? 0) + assignment.quantity);
        }
    });
    for (const [key, units] of used) {
      const [smeId, skill] = key.split(' ');
      const capability = input.firms.find((firm) => firm.id === smeId)!.capabilities.find((c) => c.skill === skill)!;
      const available = Math.floor((capability.capacityPerMonth * windowDays(lot.startDate, lot.endDate)) / 30);
      if (units > available) problems.push(`${lot.id} ${key}: ${units} > ${available}`);
    }
  });
  return problems;
}

/**
 * Reference: lots in start order (ties by id), each given the first proposal
 * that keeps the rule among the engine's 10 cheapest, then among the member
 * sets the engine finds on the room the earlier lots left (each with its own
 * canonical split, as a valid proposal must be).
 */
function sequentialEngineGreedy(input: ProgrammeInput): number {
  const order = input.lots
    .map((_, index) => index)
    .sort((a, b) => {
      const lotA = input.lots[a]!.lot;
      const lotB = input.lots[b]!.lot;
      return lotA.startDate.localeCompare(lotB.startDate) || (lotA.id < lotB.id ? -1 : 1);
    });
  const chosen: (Proposal | null)[] = input.lots.map(() => null);
  const fits = (lot: number, proposal: Proposal) => {
    chosen[lot] = proposal;
    const ok = overCapacity(input, chosen).length === 0;
    chosen[lot] = null;
    return ok;
  };
  for (const lot of order) {
    const own = { lot: input.lots[lot]!.lot, firms: input.firms, booked: [] };
    const cheapest = solve(own, { k: 10 }).proposals;
    const onRoom = solve({ ...own, booked: roomBookings(input, chosen, lot) }, { k: 10 }).proposals.flatMap(
      (proposal) => {
        const split = splitForMembers(
          own,
          proposal.members.map((member) => member.smeId),
        );
        return split.ok ? [split.proposal] : [];
      },
    );
    chosen[lot] = [...cheapest, ...onRoom].find((proposal) => fits(lot, proposal)) ?? null;
  }
  return chosen.filter(Boolean).length;
}

/** Bookings that leave each firm, on `lot`, only the room the rule still gives it. */
function roomBookings(input: ProgrammeInput, chosen: readonly (Proposal | null)[], lot: number): BookedUnits[] {
  const target = input.lots[lot]!.lot;
  const bookings: BookedUnits[] = [];
  for (const firm of input.firms) {
    for (const capability of firm.capabilities) {
      const own = Math.floor((capability.capacityPerMonth * windowDays(target.startDate, target.endDate)) / 30);
      let room = own;
      input.lots.forEach(({ lot: other }) => {
        if (!overlap(target, other)) return;
        let used = 0;
        chosen.forEach((proposal, index) => {
          if (!proposal || !overlap(other, input.lots[index]!.lot)) return;
          for (const member of proposal.members)
            if (member.smeId === firm.id)
              for (const assignment of member.assignments)
                if (assignment.skill === capability.skill) used += assignment.quantity;
        });
        const available = Math.floor((capability.capacityPerMonth * windowDays(other.startDate, other.endDate)) / 30);
        room = Math.min(room, available - used);
      });
      if (room < own) bookings.push({ smeId: firm.id, skill: capability.skill, units: own - Math.max(0, room) });
    }
  }
  return bookings;
}

describe('the rule-respecting greedy the allocation starts from', () => {
  it('keeps the capacity rule, and the allocation never covers fewer lots than a sequential engine greedy', () => {
    fc.assert(
      fc.property(crowdedProgramme, (input) => {
        const programme = buildProgrammeModel(input);
        for (const entry of programme.lots) {
          for (const proposal of solve(entry.input, { k: 10 }).proposals) addProposal(programme, entry.index, proposal);
        }
        const greedy = greedyCheapest(programme, () => false);
        expect(
          overCapacity(
            input,
            greedy.chosen.map((column) => column?.proposal ?? null),
          ),
        ).toEqual([]);

        const reference = sequentialEngineGreedy(input);
        expect(greedy.score.covered).toBeGreaterThanOrEqual(reference);
        for (const policy of ['cheapest', 'reach'] as const) {
          const result = allocateProgramme(input, { policy, timeBudgetMs: 300 });
          expect(
            overCapacity(
              input,
              result.lots.map((entry) => entry.proposal ?? null),
            ),
          ).toEqual([]);
          expect(result.totals.lotsCovered, policy).toBeGreaterThanOrEqual(reference);
        }
      }),
      { numRuns: 15, seed: 20 },
    );
  });
});
