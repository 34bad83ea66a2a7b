import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { haversineKm, withHintApplied } from '@lepa/shared';
import { solve, type EngineFirm, type EngineInput } from '@lepa/engine';
import { bruteForceTopK, engineInput, offersFor } from '@lepa/engine/testing';
import { PROPOSALS_K, availableUnits, opportunityFor, unitPriceToJoin } from './hints.ts';

const TODAY = '2026-11-29';

/** Knocks a firm off the lot one way or another, so every kind of hint comes up. */
function perturbed(input: EngineInput, seed: number): EngineInput {
  return {
    ...input,
    firms: input.firms.map((firm, index): EngineFirm => {
      const distance = haversineKm(input.lot.location, firm.location);
      switch ((seed + index) % 4) {
        case 0:
          return { ...firm, serviceRadiusKm: Math.max(0.5, distance - 3) };
        case 1:
          return { ...firm, certifications: firm.certifications.map((c) => ({ ...c, expires: '2025-10-02' })) };
        default:
          return firm;
      }
    }),
    // The next firm's whole capacity for its first skill is booked elsewhere.
    booked: [
      ...input.booked,
      ...input.firms
        .filter((_, index) => (seed + index) % 4 === 2)
        .map((firm) => ({
          smeId: firm.id,
          skill: firm.capabilities[0]!.skill,
          units: availableUnits(firm.capabilities[0]!.capacityPerMonth, input.lot, 0),
        })),
    ],
  };
}

const replaced = (input: EngineInput, firm: EngineFirm): EngineInput => ({
  ...input,
  firms: input.firms.map((f) => (f.id === firm.id ? firm : f)),
  booked: input.booked,
});

/** The best rank (1-based) of a brute-force set holding the firm, or null. */
function bruteRank(input: EngineInput, smeId: string): number | null {
  const index = bruteForceTopK(input, PROPOSALS_K).findIndex((set) => set.members.includes(smeId));
  return index < 0 ? null : index + 1;
}

describe('opportunities: hints by the scoring model', () => {
  it('on generated markets, status matches the reference and every hinted change does what it claims', () => {
    const checked = { certification: 0, capacity: 0, radius: 0, price: 0 };
    fc.assert(
      fc.property(engineInput({ maxFirms: 5, maxSkills: 3 }), fc.nat(3), (generated, seed) => {
        const input = perturbed(generated, seed);
        const proposals = solve(input, { k: PROPOSALS_K }).proposals;
        const offers = offersFor(input);
        for (const firm of input.firms) {
          const core = opportunityFor({ firm, lot: input.lot, booked: input.booked, proposals, today: TODAY });
          const reference = [...(offers.get(firm.id)?.keys() ?? [])];
          if (!core) {
            expect(reference).toEqual([]);
            continue;
          }
          expect([...core.eligibleSkills].sort()).toEqual([...new Set(reference)].sort());
          expect(core.bestRank).toBe(bruteRank(input, firm.id));
          expect(core.status).toBe(
            core.bestRank !== null ? 'proposed' : core.eligibleSkills.length > 0 ? 'eligible' : 'near-miss',
          );
          for (const hint of core.hints) {
            // The reference's own eligibility, on the profile with the change made.
            const after = replaced(input, withHintApplied(firm, hint));
            const afterBooked = { ...after, booked: input.booked };
            expect(offersFor(afterBooked).get(firm.id)?.has(hint.skill), hint.message).toBe(true);
            checked[hint.kind as 'certification' | 'capacity' | 'radius'] += 1;
          }
          if (core.status === 'eligible') {
            for (const skill of core.eligibleSkills) {
              const found = unitPriceToJoin(input, firm.id, skill);
              if (!found) continue;
              const hinted = replaced(
                input,
                withHintApplied(firm, {
                  kind: 'unit-price',
                  skill,
                  change: { unitPrice: found.unitPrice },
                  effect: 'proposal',
                  rank: found.rank,
                  message: '',
                }),
              );
              expect(bruteRank(hinted, firm.id)).toBe(found.rank);
              // A penny more and the firm is out again: the price is the highest that works.
              const penny = replaced(
                input,
                withHintApplied(firm, {
                  kind: 'unit-price',
                  skill,
                  change: { unitPrice: Math.round(found.unitPrice * 100 + 1) / 100 },
                  effect: 'proposal',
                  rank: null,
                  message: '',
                }),
              );
              expect(bruteRank(penny, firm.id)).toBeNull();
              checked.price += 1;
            }
          }
        }
      }),
      { numRuns: 150, seed: 11 },
    );
    console.log(`opportunities property test, hints checked: ${JSON.stringify(checked)}`);
    for (const kind of ['certification', 'capacity', 'radius', 'price'] as const)
      expect(checked[kind]).toBeGreaterThan(3);
  });
});
