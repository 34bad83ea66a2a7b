import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haversineKm } from '@lepa/shared';
import { canReach, type EngineFirm, type EngineLot } from '@lepa/engine';
import type { Skill } from '@lepa/shared';
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

  it('yields, for a set of skills, exactly the firms that reach the lot and offer them all, in the order of reaching', () => {
    const skills: Skill[] = ['loft-insulation', 'cavity-wall-insulation', 'retrofit-coordinator'];
    // A region a few cells across, so most lots have firms in reach.
    const regional = fc.record({
      lat: fc.double({ min: 51.5, max: 53.5, noNaN: true }),
      lon: fc.double({ min: -3.5, max: -0.5, noNaN: true }),
    });
    const edit = fc.record({
      firm: fc.integer({ min: 0, max: 29 }),
      location: regional,
      radius: fc.double({ min: 1, max: 150, noNaN: true }),
      offered: fc.subarray(skills),
      removed: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(edit, { minLength: 10, maxLength: 80 }),
        regional,
        fc.option(fc.double({ min: 1, max: 150, noNaN: true })),
        fc.subarray(skills),
        (edits, lotLocation, maxDistanceKm, wanted) => {
          const index = createFirmIndex();
          for (const { firm, location, radius, offered, removed } of edits) {
            const id = `f${firm}`;
            if (removed) index.delete(id);
            else
              index.set({
                ...firmAt(id, location, radius),
                capabilities: offered.map((skill) => ({ skill, capacityPerMonth: 10, unitPrice: 100 })),
              });
          }
          const lot: EngineLot = {
            id: 'lot',
            location: lotLocation,
            startDate: '2027-01-01',
            endDate: '2027-04-01',
            requirements: [],
            maxMembers: 4,
            maxDistanceKm,
            socialValueWeight: 0,
            travelCostPerUnitKm: 0,
            coordinationCostPerMember: 0,
          };
          const expected = [...index.reaching(lot)].filter(
            (firm) => wanted.every((skill) => firm.capabilities.some((c) => c.skill === skill)) && canReach(lot, firm),
          );
          expect([...index.offering(lot, wanted)].map((f) => f.id)).toEqual(expected.map((f) => f.id));
        },
      ),
      { seed: 20261201, numRuns: 300 },
    );
  });
});
