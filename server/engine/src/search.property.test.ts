import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMatchModel } from './eligibility.ts';
import { dominatedFirms } from './dominance.ts';
import { searchTopK } from './search.ts';
import { validSets } from './solve.ts';
import { bruteForceTopK } from './testing/brute-force.ts';
import { engineInput, hardEngineInput } from './testing/instances.ts';
import type { EngineInput } from './types.ts';

/** Enough for every valid set of these small instances. */
const ALL_SETS = 100_000;

describe('searchTopK with a forced firm equals the brute force restricted to sets containing it (and rivals)', () => {
  const runs = (arbitrary: fc.Arbitrary<EngineInput>, numRuns: number, seed: number) =>
    fc.assert(
      fc.property(
        arbitrary,
        fc.nat(),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        fc.nat(),
        (input, pick, k, limited, rivalBits) => {
          const model = buildMatchModel(input);
          if (model.firms.length === 0 || model.skills.length === 0) return;
          const firm = pick % model.firms.length;
          const id = model.firms[firm]!.firm.id;
          const all = bruteForceTopK(input, ALL_SETS);
          const containing = all.filter((set) => set.members.includes(id));
          // With a limit: the k-th set overall, as the incremental update uses it.
          const limitPennies = limited && all.length > 0 ? all[Math.min(k, all.length) - 1]!.cents : Infinity;
          const expected = containing.filter((set) => set.cents <= limitPennies).slice(0, k);
          const search = searchTopK(model, new Uint8Array(model.firms.length), k, () => false, {
            forced: [firm],
            limitPennies,
          });
          expect(search.complete).toBe(true);
          const ids = (members: readonly number[]) => members.map((member) => model.firms[member]!.firm.id).sort();
          expect(search.found.map((set) => ({ members: ids(set.split.members), cents: set.cents }))).toEqual(
            expected.map((set) => ({ members: set.members, cents: set.cents })),
          );
          // Over the undominated firms, every top-k set containing the firm is still found.
          const excluded = dominatedFirms(model, k, model.lot.maxMembers);
          const restricted = searchTopK(model, excluded, k, () => false, { forced: [firm] });
          const topK = all.slice(0, k).filter((set) => set.members.includes(id));
          const foundKeys = new Set(restricted.found.map((set) => ids(set.split.members).join(',')));
          for (const set of topK) expect(foundKeys.has(set.members.join(','))).toBe(true);
          // With rivals (valid sets with or without the firm): the k best of those and the sets containing it.
          const isRival = all.map((_, index) => ((rivalBits >>> (index % 31)) & 1) === 1);
          const rivals = validSets(
            model,
            all.filter((_, index) => isRival[index]).map((set) => set.members),
          );
          const competing = searchTopK(model, new Uint8Array(model.firms.length), k, () => false, {
            forced: [firm],
            limitPennies,
            rivals,
          });
          expect(competing.complete).toBe(true);
          const expectedWithRivals = all
            .filter((set, index) => (isRival[index] || set.members.includes(id)) && set.cents <= limitPennies)
            .slice(0, k);
          expect(competing.found.map((set) => ({ members: ids(set.split.members), cents: set.cents }))).toEqual(
            expectedWithRivals.map((set) => ({ members: set.members, cents: set.cents })),
          );
        },
      ),
      { seed, numRuns },
    );

  it('on small lots', () => runs(engineInput({ maxFirms: 8, maxSkills: 4 }), 150, 77));
  it('on near-tied, capacity-limited lots', () => runs(hardEngineInput({ maxFirms: 10, maxSkills: 3 }), 150, 78));
});
