import { afterAll, describe, expect, it } from 'vitest';
import { allocateProgramme, marketDepth, type EngineFirm, type ProgrammeInput } from '@lepa/engine';
import { createProgrammePool } from './programme-pool.ts';

const firm = (id: string, lon: number, skills: [string, number, number][]): EngineFirm => ({
  id,
  name: `Firm ${id}`,
  location: { lat: 52.48, lon },
  serviceRadiusKm: 50,
  employees: 12,
  ownership: 'independent',
  capabilities: skills.map(([skill, capacityPerMonth, unitPrice]) => ({
    skill: skill as EngineFirm['capabilities'][number]['skill'],
    capacityPerMonth,
    unitPrice,
  })),
  certifications: [{ scheme: 'pas-2030', expires: '2030-01-01' }],
  socialValue: { realLivingWage: true, apprentices: 0, localEmployeesPct: 60, charterSignatory: false },
});

const lot = (id: string, startDate: string, endDate: string) => ({
  lot: {
    id,
    location: { lat: 52.48, lon: -1.9 },
    startDate,
    endDate,
    requirements: [{ skill: 'loft-insulation' as const, quantity: 20, certifications: [] }],
    maxMembers: 2,
    maxDistanceKm: null,
    socialValueWeight: 1,
    travelCostPerUnitKm: 2,
    coordinationCostPerMember: 500,
  },
  booked: [],
});

const programme: ProgrammeInput = {
  lots: [
    lot('march', '2027-03-01', '2027-03-31'),
    lot('spring', '2027-03-15', '2027-04-30'),
    lot('may', '2027-05-01', '2027-05-31'),
  ],
  firms: [
    firm('a', -1.9, [['loft-insulation', 20, 100]]),
    firm('b', -1.91, [['loft-insulation', 12, 104]]),
    firm('c', -1.92, [['loft-insulation', 25, 110]]),
    firm('d', -1.95, [['loft-insulation', 10, 98]]),
  ],
};

describe('the programme thread', () => {
  const pool = createProgrammePool();
  afterAll(() => pool.close());

  it('answers on a worker thread exactly as the engine does on this one', async () => {
    for (const policy of ['cheapest', 'reach'] as const) {
      const options = { policy, costTolerancePct: 5 };
      const { stats: threadStats, ...inThread } = await pool.allocate({ input: programme, options });
      const { stats, ...here } = allocateProgramme(programme, options);
      expect(here.status).toBe('optimal');
      expect(here.totals.lotsCovered).toBe(3);
      expect(inThread).toEqual(here);
      expect({ ...threadStats, elapsedMs: 0 }).toEqual({ ...stats, elapsedMs: 0 });
    }
    expect([...pool.threadIds]).not.toContain(0);
    expect(pool.threadIds.size).toBe(1);
  });

  it('measures market depths there too, in order', async () => {
    const inputs = programme.lots.map((entry) => ({ lot: entry.lot, firms: programme.firms, booked: entry.booked }));
    const measured = await pool.marketDepths(inputs.map((input) => ({ input, timeBudgetMs: 5000 })));
    expect(measured).toEqual(inputs.map((input) => marketDepth(input, { timeBudgetMs: 5000 })));
    expect(measured.map((depth) => depth.consortiaCount)).toEqual([5, 5, 5]);
    expect([...pool.threadIds]).not.toContain(0);
  });
});
