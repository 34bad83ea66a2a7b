import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solve, solveModel, type EngineFirm, type EngineLot, type EngineResult } from '@lepa/engine';
import { createFirmIndex } from './firm-index.ts';
import { createFirmMirror, createFirmVersions, engineInputFrom, type FirmMirror } from './firm-mirror.ts';
import { createModelCache } from './model-cache.ts';

const firm = (id: string, lat: number, serviceRadiusKm: number, unitPrice: number): EngineFirm => ({
  id,
  name: id,
  location: { lat, lon: -1.9 },
  serviceRadiusKm,
  employees: 5,
  ownership: 'independent',
  capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 10, unitPrice }],
  certifications: [{ scheme: 'pas-2030', expires: '2030-01-01' }],
  socialValue: { realLivingWage: false, apprentices: 0, localEmployeesPct: 50, charterSignatory: false },
});

const lot: EngineLot = {
  id: 'lot',
  location: { lat: 52.48, lon: -1.9 },
  startDate: '2027-03-01',
  endDate: '2027-04-01',
  requirements: [{ skill: 'loft-insulation', quantity: 10, certifications: [] }],
  maxMembers: 3,
  maxDistanceKm: null,
  socialValueWeight: 0,
  travelCostPerUnitKm: 0,
  coordinationCostPerMember: 0,
};

const answer = (result: EngineResult) => ({
  feasible: result.feasible,
  proposals: result.proposals,
  unmet: result.unmet,
});

/**
 * The candidates a copy gives for the lot, and the lot's model its cache keeps, as a fresh index over `held`
 * gives them: the same firms, and the same proposals as a solve from scratch.
 */
function expectSameCandidates(
  mirror: FirmMirror,
  models: ReturnType<typeof createModelCache>,
  held: ReadonlyMap<string, EngineFirm>,
  withModel: boolean,
) {
  const fresh = createFirmIndex();
  for (const f of held.values()) fresh.set(f);
  const sorted = (firms: readonly EngineFirm[]) => [...firms].sort((a, b) => a.id.localeCompare(b.id));
  const expected = engineInputFrom(fresh, lot, []);
  expect(sorted(mirror.input(lot, []).firms)).toEqual(sorted(expected.firms));
  const kept = models.prepare(lot.id, lot, []);
  expect(sorted(kept.input.firms)).toEqual(sorted(expected.firms));
  if (!withModel) return false;
  const fromScratch = solve(expected, { k: 3 });
  expect(answer(solveModel(kept.input, kept.model(), { k: 3 }))).toEqual(answer(fromScratch));
  return fromScratch.feasible;
}

const step = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('set' as const),
      id: fc.integer({ min: 0, max: 7 }),
      lat: fc.double({ min: 52, max: 53, noNaN: true }),
      radius: fc.integer({ min: 1, max: 80 }),
      price: fc.integer({ min: 1, max: 900 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('price' as const),
      id: fc.integer({ min: 0, max: 7 }),
      price: fc.integer({ min: 1, max: 900 }),
    }),
    weight: 3,
  },
  fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('reload' as const) }),
  {
    arbitrary: fc.record({
      kind: fc.constant('batch' as const),
      thread: fc.integer({ min: 0, max: 2 }),
      // A batch where the lot was settled without the engine: its kept model is not brought up to date.
      withModel: fc.boolean(),
    }),
    weight: 4,
  },
);

describe("solver threads' copies of the market", () => {
  it('match the firms held after every batch, whichever thread takes it, through changes, removals and reloads; so do the lot models they keep', () => {
    // Batches whose lot had proposals to compare (an infeasible lot would compare nothing).
    let feasible = 0;
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const held = new Map<string, EngineFirm>();
        const versions = createFirmVersions();
        versions.loaded();
        const threads = [createFirmMirror(), createFirmMirror(), createFirmMirror()];
        const models = threads.map((mirror) => createModelCache(mirror, 4));
        // As the solver pool does: the sync is for the oldest copy seen; a thread it is too new for asks for all.
        const seen = new Map<number, number>();
        for (const s of steps) {
          if (s.kind === 'set') {
            held.set(`f${s.id}`, firm(`f${s.id}`, s.lat, s.radius, s.price));
            versions.changed(`f${s.id}`);
          } else if (s.kind === 'price') {
            const before = held.get(`f${s.id}`);
            if (!before) continue;
            held.set(before.id, firm(before.id, before.location.lat, before.serviceRadiusKm, s.price));
            versions.changed(before.id);
          } else if (s.kind === 'remove') {
            held.delete(`f${s.id}`);
            versions.changed(`f${s.id}`);
          } else if (s.kind === 'reload') {
            versions.loaded();
          } else {
            const since = seen.size === 0 ? undefined : Math.min(...seen.values());
            const mirror = threads[s.thread]!;
            if (!mirror.apply(versions.syncFrom(since, held)))
              expect(mirror.apply(versions.syncFrom(undefined, held))).toBe(true);
            seen.set(s.thread, mirror.version!);
            if (expectSameCandidates(mirror, models[s.thread]!, held, s.withModel)) feasible += 1;
          }
        }
      }),
      { seed: 20261130, numRuns: 400 },
    );
    expect(feasible).toBeGreaterThan(50);
  });

  it('refuses a change list older than its copy needs, and sends only the firms changed since', () => {
    const versions = createFirmVersions();
    const held = new Map([['a', firm('a', 52.48, 10, 100)]]);
    versions.loaded();
    const mirror = createFirmMirror();
    // A thread with no copy cannot take a list of changes.
    expect(mirror.apply(versions.syncFrom(1, held))).toBe(false);
    expect(mirror.apply(versions.syncFrom(undefined, held))).toBe(true);
    held.set('b', firm('b', 52.5, 10, 120));
    versions.changed('b');
    const sync = versions.syncFrom(mirror.version, held);
    expect(sync).toMatchObject({ reset: false, firms: [held.get('b')], removed: [] });
    expect(mirror.apply(sync)).toBe(true);
    versions.loaded();
    expect(versions.syncFrom(mirror.version, held).reset).toBe(true);
  });
});
