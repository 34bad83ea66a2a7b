import { describe, expect, it } from 'vitest';
import { dominatedByRivals } from './dominance.ts';
import { firmOffers } from './reach.ts';
import type { EngineFirm, EngineLot } from './types.ts';

const HERE = { lat: 52.48, lon: -1.9 };

const firm = (id: string, unitPrice: number, location = HERE): EngineFirm => ({
  id,
  name: `Firm ${id}`,
  location,
  serviceRadiusKm: 50,
  employees: 8,
  ownership: 'independent',
  capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 30, unitPrice }],
  certifications: [{ scheme: 'pas-2030', expires: '2030-01-01' }],
  socialValue: { realLivingWage: false, apprentices: 0, localEmployeesPct: 50, charterSignatory: false },
});

// One member per consortium and k = 2: two dominators prove a firm is in no top-2 set.
const lot: EngineLot = {
  id: 'lot',
  location: HERE,
  startDate: '2027-03-01',
  endDate: '2027-03-31',
  requirements: [{ skill: 'loft-insulation', quantity: 10, certifications: [] }],
  maxMembers: 1,
  maxDistanceKm: null,
  socialValueWeight: 0,
  travelCostPerUnitKm: 0,
  coordinationCostPerMember: 0,
};

describe('dominatedByRivals', () => {
  const judged = firm('M', 150);
  const offers = firmOffers(lot, judged, []);
  // 150 dearer rivals (judged, none dominates), 40 out of reach (not counted), then two cheaper ones.
  const dearer = Array.from({ length: 150 }, (_, index) => firm(`R${index}`, 200));
  const away = Array.from({ length: 40 }, (_, index) => firm(`X${index}`, 1, { lat: 55, lon: -1.9 }));
  const rivals = [...dearer, ...away, judged, firm('A', 100), firm('B', 110)];

  it('counts dominators across many rivals, however they are grouped, skipping the firm and those out of reach', () => {
    expect(offers.size).toBe(1);
    expect(dominatedByRivals(lot, judged, offers, rivals, [], 2, 400)).toBe(true);
    // The scan counts only rivals that reach the lot: the 152nd is the second dominator.
    expect(dominatedByRivals(lot, judged, offers, rivals, [], 2, 152)).toBe(true);
    expect(dominatedByRivals(lot, judged, offers, rivals, [], 2, 151)).toBe(false);
    // Bookings count: A fully booked in the window no longer dominates.
    const booked = [{ smeId: 'A', skill: 'loft-insulation' as const, units: 30 }];
    expect(dominatedByRivals(lot, judged, offers, rivals, booked, 2, 400)).toBe(false);
  });
});
