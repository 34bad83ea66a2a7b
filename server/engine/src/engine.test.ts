import { describe, expect, it } from 'vitest';
import { haversineKm, roundPennies, toPennies, type Skill } from '@lepa/shared';
import { solve, splitForMembers } from './index.ts';
import type { EngineFirm, EngineInput, EngineLot } from './types.ts';

const HERE = { lat: 52.48, lon: -1.9 };
/** ~11.1 km north per 0.1 degree of latitude */
const north = (km: number) => ({ lat: HERE.lat + km / 111.195, lon: HERE.lon });

function lot(requirements: { skill: Skill; quantity: number }[], overrides: Partial<EngineLot> = {}): EngineLot {
  return {
    id: 'lot',
    location: HERE,
    startDate: '2027-03-01',
    endDate: '2027-03-31',
    requirements: requirements.map((requirement) => ({ ...requirement, certifications: [] })),
    maxMembers: 6,
    maxDistanceKm: null,
    socialValueWeight: 0,
    travelCostPerUnitKm: 0,
    coordinationCostPerMember: 0,
    ...overrides,
  };
}

function firm(id: string, capabilities: [Skill, number, number][], overrides: Partial<EngineFirm> = {}): EngineFirm {
  return {
    id,
    name: `Firm ${id}`,
    location: HERE,
    serviceRadiusKm: 50,
    employees: 8,
    ownership: 'independent',
    capabilities: capabilities.map(([skill, capacityPerMonth, unitPrice]) => ({ skill, capacityPerMonth, unitPrice })),
    certifications: ['pas-2030', 'pas-2035', 'mcs', 'niceic'].map((scheme) => ({
      scheme: scheme as 'mcs',
      expires: '2030-01-01',
    })),
    socialValue: { realLivingWage: false, apprentices: 0, localEmployeesPct: 50, charterSignatory: false },
    ...overrides,
  };
}

const memberSets = (input: EngineInput, k = 10) =>
  solve(input, { k }).proposals.map((proposal) =>
    proposal.members
      .map((member) => member.smeId)
      .sort()
      .join('+'),
  );

describe('proposal order', () => {
  it('breaks equal pennies by fewer members, then by sorted member ids', () => {
    const input: EngineInput = {
      lot: lot([{ skill: 'loft-insulation', quantity: 10 }]),
      firms: [
        firm('r', [['loft-insulation', 10, 100]]),
        firm('q', [['loft-insulation', 5, 100]]),
        firm('p', [['loft-insulation', 5, 100]]),
      ],
      booked: [],
    };
    // {p,q,r} is not a proposal: its cheapest split fills from p and q and leaves r idle.
    expect(memberSets(input)).toEqual(['r', 'p+q', 'p+r', 'q+r']);
  });

  it('compares ids as strings ("f10" before "f9")', () => {
    const input: EngineInput = {
      lot: lot([{ skill: 'roofing', quantity: 1 }]),
      firms: [firm('f9', [['roofing', 1, 50]]), firm('f10', [['roofing', 1, 50]])],
      booked: [],
    };
    expect(memberSets(input)).toEqual(['f10', 'f9']);
  });

  it('makes the coordinator the lead, else the largest contract value', () => {
    const withCoordinator = solve({
      lot: lot([
        { skill: 'retrofit-coordinator', quantity: 10 },
        { skill: 'roofing', quantity: 10 },
      ]),
      firms: [firm('big', [['roofing', 10, 1000]]), firm('coord', [['retrofit-coordinator', 10, 10]])],
      booked: [],
    });
    expect(withCoordinator.proposals[0]!.lead).toBe('coord');
    const withoutCoordinator = solve({
      lot: lot([
        { skill: 'scaffolding', quantity: 10 },
        { skill: 'roofing', quantity: 10 },
      ]),
      firms: [firm('a', [['scaffolding', 10, 10]]), firm('b', [['roofing', 10, 1000]])],
      booked: [],
    });
    expect(withoutCoordinator.proposals[0]!.lead).toBe('b');
  });
});

describe('diagnosis', () => {
  const unmetOf = (input: EngineInput) => {
    const result = solve(input);
    expect(result.feasible).toBe(false);
    expect(result.status).toBe('optimal');
    return result.unmet;
  };

  it('no firm offers the skill', () => {
    const [entry] = unmetOf({
      lot: lot([{ skill: 'solar-pv', quantity: 4 }]),
      firms: [firm('a', [['roofing', 9, 1]])],
      booked: [],
    });
    expect(entry).toMatchObject({ skill: 'solar-pv', reason: 'no-firm', required: 4, available: 0, shortfall: 4 });
    expect(entry!.message).toBe('No registered firm offers solar PV.');
  });

  it('offering firms lack a valid certificate (expired before the lot ends)', () => {
    const expired = firm('a', [['air-source-heat-pump', 9, 1]], {
      certifications: [{ scheme: 'mcs', expires: '2027-03-30' }],
    });
    const [entry] = unmetOf({
      lot: lot([{ skill: 'air-source-heat-pump', quantity: 2 }]),
      firms: [expired],
      booked: [],
    });
    expect(entry).toMatchObject({ reason: 'certification', missingCertifications: [['mcs']] });
    expect(entry!.message).toContain('none holds MCS certification valid until the lot ends');
    // A day as people write it, not an ISO date.
    expect(entry!.message).toMatch(/lot ends \(\d{1,2} [A-Z][a-z]{2} \d{4}\)\.$/);
  });

  it('electrical accepts NICEIC or NAPIT, and a per-lot extra scheme is required on its own', () => {
    const napit = firm('a', [['electrical', 9, 1]], { certifications: [{ scheme: 'napit', expires: '2030-01-01' }] });
    expect(solve({ lot: lot([{ skill: 'electrical', quantity: 2 }]), firms: [napit], booked: [] }).feasible).toBe(true);
    const withTrustmark = lot([{ skill: 'electrical', quantity: 2 }]);
    const needsTrustmark = {
      ...withTrustmark,
      requirements: [{ skill: 'electrical' as const, quantity: 2, certifications: ['trustmark' as const] }],
    };
    const [entry] = unmetOf({ lot: needsTrustmark, firms: [napit], booked: [] });
    expect(entry).toMatchObject({ reason: 'certification', missingCertifications: [['trustmark']] });
  });

  it('certified firms are too far, naming the nearest', () => {
    const far = firm('a', [['air-source-heat-pump', 9, 1]], { location: north(42.3), serviceRadiusKm: 100 });
    const [entry] = unmetOf({
      lot: lot([{ skill: 'air-source-heat-pump', quantity: 2 }], { maxDistanceKm: 30 }),
      firms: [far],
      booked: [],
    });
    expect(entry).toMatchObject({ reason: 'distance', nearestKm: 42.3 });
    expect(entry!.message).toBe(
      'No MCS-certified air source heat pump installer within 30.0 km; the nearest is 42.3 km away.',
    );
  });

  it('not enough capacity in the window, counting bookings', () => {
    const [entry] = unmetOf({
      lot: lot([{ skill: 'loft-insulation', quantity: 20 }]),
      firms: [firm('a', [['loft-insulation', 10, 1]]), firm('b', [['loft-insulation', 10, 1]])],
      booked: [{ smeId: 'b', skill: 'loft-insulation', units: 4 }],
    });
    expect(entry).toMatchObject({ reason: 'capacity', required: 20, available: 16, shortfall: 4 });
    expect(entry!.message).toContain('16 of 20 units');
  });

  it('the unsplit coordinator needs one firm able to take every unit', () => {
    const [entry] = unmetOf({
      lot: lot([{ skill: 'retrofit-coordinator', quantity: 20 }]),
      firms: [firm('a', [['retrofit-coordinator', 15, 1]]), firm('b', [['retrofit-coordinator', 15, 1]])],
      booked: [],
    });
    expect(entry).toMatchObject({ reason: 'capacity', available: 15 });
  });

  it('member limit for one skill', () => {
    const [entry] = unmetOf({
      lot: lot([{ skill: 'roofing', quantity: 30 }], { maxMembers: 2 }),
      firms: ['a', 'b', 'c'].map((id) => firm(id, [['roofing', 10, 1]])),
      booked: [],
    });
    expect(entry).toMatchObject({ reason: 'member-limit', firmsNeeded: 3, available: 20, shortfall: 10 });
  });

  it('every skill coverable alone, but not together within the limit', () => {
    const [entry] = unmetOf({
      lot: lot(
        [
          { skill: 'roofing', quantity: 5 },
          { skill: 'scaffolding', quantity: 5 },
          { skill: 'solar-pv', quantity: 5 },
        ],
        { maxMembers: 2 },
      ),
      firms: [firm('a', [['roofing', 9, 1]]), firm('b', [['scaffolding', 9, 1]]), firm('c', [['solar-pv', 9, 1]])],
      booked: [],
    });
    expect(entry).toMatchObject({
      skill: null,
      reason: 'member-limit',
      required: 3,
      available: 2,
      shortfall: 1,
      firmsNeeded: 3,
    });
  });
});

describe('purity and budget', () => {
  const input: EngineInput = Object.freeze({
    lot: Object.freeze(lot([{ skill: 'roofing', quantity: 3 }], { coordinationCostPerMember: 5000 })),
    firms: Object.freeze([
      Object.freeze(firm('a', [['roofing', 3, 100]])),
      Object.freeze(firm('b', [['roofing', 3, 90]])),
    ]),
    booked: Object.freeze([]),
  }) as EngineInput;

  it('never mutates its input and answers an empty region without throwing', () => {
    const before = JSON.stringify(input);
    expect(solve(input).proposals.map((proposal) => proposal.members[0]!.smeId)).toEqual(['b', 'a']);
    expect(JSON.stringify(input)).toBe(before);
    expect(solve({ ...input, firms: [] })).toMatchObject({ status: 'optimal', feasible: false });
  });

  it('reports "timedout" when the injected clock runs past the budget', () => {
    let clock = 0;
    const result = solve(input, { timeBudgetMs: 1, now: () => (clock += 1000) });
    expect(result.status).toBe('timedout');
  });

  it('explains members, cost parts and the gap to the next proposal', () => {
    const [first, second] = solve(input).proposals;
    expect(first!.explanation).toContain(
      'Firm b, 0.0 km away, supplies 3 units of roofing at its quoted £90.00 a unit, £270.00 paid (the cheapest member for it).',
    );
    expect(first!.explanation.at(-1)).toBe('The cheapest consortium; proposal 2 costs £30.00 more.');
    expect(second!.explanation.at(-1)).toBe('Costs £30.00 more than proposal 1.');
    expect(first!.breakdown).toEqual({ work: 270, socialValueDiscount: 0, travel: 0, coordination: 5000 });
  });
});

describe('social value', () => {
  it('shares contract value by the members’ profiles', () => {
    const [proposal] = solve({
      lot: lot([
        { skill: 'roofing', quantity: 10 },
        { skill: 'scaffolding', quantity: 10 },
      ]),
      firms: [
        firm('local', [['roofing', 10, 300]], {
          employees: 5,
          socialValue: { realLivingWage: true, apprentices: 2, localEmployeesPct: 90, charterSignatory: true },
        }),
        firm('far', [['scaffolding', 10, 100]], { location: north(30), employees: 60, ownership: 'subsidiary' }),
      ],
      booked: [],
    }).proposals;
    expect(proposal!.socialValue).toEqual({
      contractValue: 4000,
      localSharePct: 75,
      microFirmSharePct: 75,
      smallFirmSharePct: 75,
      realLivingWageSharePct: 75,
      nonSubsidiarySharePct: 75,
      charterSignatorySharePct: 75,
      apprentices: 2,
    });
  });
});

describe('splitForMembers', () => {
  const input: EngineInput = {
    lot: lot([
      { skill: 'roofing', quantity: 10 },
      { skill: 'scaffolding', quantity: 10 },
    ]),
    firms: [
      firm('a', [
        ['roofing', 10, 100],
        ['scaffolding', 10, 50],
      ]),
      firm('b', [['scaffolding', 10, 40]]),
      firm('c', [['roofing', 10, 200]]),
    ],
    booked: [],
  };

  it('returns the cheapest split for the chosen members', () => {
    const result = splitForMembers(input, ['a', 'b']);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.proposal.cost).toBe(1400);
    expect(result.proposal.members.find((member) => member.smeId === 'b')!.assignments).toEqual([
      { skill: 'scaffolding', quantity: 10, unitCost: 40, unitPrice: 40, socialValueDiscount: 0, travel: 0 },
    ]);
  });

  it('tells each assignment’s quoted price apart from the ranking adjustments', () => {
    const far = { lat: HERE.lat + 0.1, lon: HERE.lon };
    const result = splitForMembers(
      {
        ...input,
        lot: { ...input.lot, socialValueWeight: 1, travelCostPerUnitKm: 2, coordinationCostPerMember: 5000 },
        firms: [firm('a', [['roofing', 10, 812.5]], { location: far }), firm('b', [['scaffolding', 10, 40]])],
      },
      ['a', 'b'],
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const roofing = result.proposal.members.find((member) => member.smeId === 'a')!.assignments[0]!;
    const distanceKm = haversineKm(far, HERE);
    expect(roofing.unitPrice).toBe(812.5);
    // independent firm: sv 0.03 under weight 1
    expect(roofing.socialValueDiscount).toBe(roundPennies(812.5 * 0.03 * 10));
    expect(roofing.travel).toBe(roundPennies(2 * distanceKm * 10));
    const { breakdown } = result.proposal;
    const assignments = result.proposal.members.flatMap((member) => member.assignments);
    expect(breakdown.work).toBe(roundPennies(assignments.reduce((sum, a) => sum + a.unitPrice * a.quantity, 0)));
    const discount = assignments.reduce((sum, a) => sum + a.socialValueDiscount, 0);
    expect(Math.abs(toPennies(discount) - toPennies(breakdown.socialValueDiscount))).toBeLessThanOrEqual(1);
  });

  it('reports members the cheapest split leaves idle', () => {
    expect(splitForMembers(input, ['a', 'c'])).toEqual({ ok: false, unmet: [], idle: ['c'] });
  });

  it('reports what the members cannot cover, and the member limit', () => {
    const result = splitForMembers(input, ['b']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.unmet).toMatchObject([
      { skill: 'roofing', reason: 'no-firm', message: 'No chosen member offers roofing.' },
    ]);
    const limited = splitForMembers({ ...input, lot: { ...input.lot, maxMembers: 1 } }, ['a', 'b']);
    expect(limited).toMatchObject({ ok: false, unmet: [{ skill: null, reason: 'member-limit' }] });
  });
});
