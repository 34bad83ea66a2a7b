import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haversineKm } from '@lepa/shared';
import type { EngineFirm } from '@lepa/engine';
import { createFirmIndex } from './firm-index.ts';

const firmAt = (id: string, location: { lat: number; lon: number }, serviceRadiusKm: number): EngineFirm => ({
  id,
  name: id,
  location,
  serviceRadiusKm,
  employees: 5,
  ownership: 'independent',
  capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 10, unitPrice: 100 }],
  certifications: [],
  socialValue: { realLivingWage: false, apprentices: 0, localEmployeesPct: 50, charterSignatory: false },
});

const place = fc.record({
  lat: fc.double({ min: 49, max: 59, noNaN: true }),
  lon: fc.double({ min: -8, max: 2, noNaN: true }),
});

describe('the firm index by place', () => {
  it('yields every firm that reaches a lot, wherever the firms and the lot are', () =>
    fc.assert(
      fc.property(
        fc.array(fc.record({ location: place, radius: fc.double({ min: 1, max: 1000, noNaN: true }) }), {
          maxLength: 60,
        }),
        place,
        fc.option(fc.double({ min: 1, max: 500, noNaN: true })),
        (placed, lotLocation, maxDistanceKm) => {
          const index = createFirmIndex();
          const firms = placed.map(({ location, radius }, at) => firmAt(`f${at}`, location, radius));
          for (const firm of firms) index.set(firm);
          const yielded = new Set([...index.reaching({ location: lotLocation, maxDistanceKm })].map((f) => f.id));
          for (const firm of firms) {
            const distance = haversineKm(lotLocation, firm.location);
            if (distance <= firm.serviceRadiusKm && distance <= (maxDistanceKm ?? Infinity))
              expect(yielded.has(firm.id), `${firm.id} at ${distance} km`).toBe(true);
          }
        },
      ),
      { seed: 20261130, numRuns: 300 },
    ));

  it('forgets a removed firm and follows a moved one', () => {
    const index = createFirmIndex();
    const here = { lat: 52.48, lon: -1.9 };
    const firm = firmAt('mover', here, 20);
    index.set(firm);
    const lot = { location: here, maxDistanceKm: null };
    expect([...index.reaching(lot)].map((f) => f.id)).toEqual(['mover']);
    index.set({ ...firm, location: { lat: 57.48, lon: -4.22 } });
    expect([...index.reaching(lot)]).toEqual([]);
    index.delete('mover');
    expect([...index.reaching({ location: { lat: 57.48, lon: -4.22 }, maxDistanceKm: null })]).toEqual([]);
  });
});
