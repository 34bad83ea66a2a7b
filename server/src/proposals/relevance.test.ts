import { describe, expect, it } from 'vitest';
import type { Lot } from '@lepa/shared';
import type { EngineFirm } from '@lepa/engine';
import { mayImproveFor } from './relevance.ts';

const lot: Lot = {
  id: 'lot',
  ownerId: 'owner',
  title: 'Test lot',
  postcode: null,
  locationSource: 'exact',
  location: { lat: 52.5, lon: -1.9 },
  homes: 10,
  startDate: '2027-03-01',
  endDate: '2027-03-31',
  requirements: [{ skill: 'loft-insulation', quantity: 10, certifications: [] }],
  maxMembers: 6,
  maxDistanceKm: null,
  socialValueWeight: 1,
  travelCostPerUnitKm: 2,
  coordinationCostPerMember: 5000,
  status: 'open',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const firm: EngineFirm = {
  id: 'f1',
  name: 'Loft Co',
  location: { lat: 52.51, lon: -1.9 },
  serviceRadiusKm: 30,
  employees: 5,
  ownership: 'independent',
  capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 10, unitPrice: 500 }],
  certifications: [{ scheme: 'pas-2030', expires: '2030-01-01' }],
  socialValue: { realLivingWage: false, apprentices: 0, localEmployeesPct: 50, charterSignatory: false },
};

const withPrice = (unitPrice: number, capacityPerMonth = 10): EngineFirm => ({
  ...firm,
  capabilities: [{ skill: 'loft-insulation', capacityPerMonth, unitPrice }],
});

describe('mayImproveFor', () => {
  it('is true when a firm gets cheaper, gains capacity, joins, or becomes eligible', () => {
    expect(mayImproveFor(lot, firm, withPrice(490))).toBe(true);
    expect(mayImproveFor(lot, firm, withPrice(500, 20))).toBe(true);
    expect(mayImproveFor(lot, undefined, firm)).toBe(true);
    expect(mayImproveFor(lot, { ...firm, certifications: [] }, firm)).toBe(true);
    expect(mayImproveFor(lot, { ...firm, serviceRadiusKm: 0.5 }, firm)).toBe(true);
    expect(mayImproveFor(lot, firm, { ...firm, socialValue: { ...firm.socialValue, realLivingWage: true } })).toBe(
      true,
    );
  });

  it('is false when a firm only gets dearer, smaller, further, loses a certificate or leaves', () => {
    expect(mayImproveFor(lot, firm, withPrice(510))).toBe(false);
    expect(mayImproveFor(lot, firm, withPrice(500, 5))).toBe(false);
    expect(mayImproveFor(lot, firm, { ...firm, serviceRadiusKm: 0.5 })).toBe(false);
    expect(mayImproveFor(lot, firm, { ...firm, certifications: [{ scheme: 'pas-2030', expires: '2027-03-30' }] })).toBe(
      false,
    );
    expect(mayImproveFor(lot, firm, undefined)).toBe(false);
    expect(mayImproveFor(lot, firm, { ...firm, name: 'Renamed', employees: 50 })).toBe(false);
  });

  it('ignores skills the lot does not need', () => {
    const cheaperSolar: EngineFirm = {
      ...firm,
      capabilities: [...firm.capabilities, { skill: 'solar-pv', capacityPerMonth: 5, unitPrice: 1 }],
    };
    expect(mayImproveFor(lot, firm, cheaperSolar)).toBe(false);
  });
});
