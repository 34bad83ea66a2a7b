import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMatchModel, type MatchModel } from './eligibility.ts';
import { dominatedFirms } from './dominance.ts';
import { engineInput, hardEngineInput } from './testing/instances.ts';
import type { EngineInput } from './types.ts';

/** The relation as dominance.ts defines it, between every pair of firms, with no shortcut. */
function dominatesByDefinition(model: MatchModel, t: number, s: number): boolean {
  const skillCount = model.skills.length;
  for (let skill = 0; skill < skillCount; skill++) {
    const costS = model.unitCost[s * skillCount + skill]!;
    if (Number.isNaN(costS)) continue;
    const costT = model.unitCost[t * skillCount + skill]!;
    if (Number.isNaN(costT)) return false;
    const quantity = model.skills[skill]!.quantity;
    const usableT = Math.min(model.available[t * skillCount + skill]!, quantity);
    const usableS = Math.min(model.available[s * skillCount + skill]!, quantity);
    if (usableT < usableS) return false;
    const idFirst = model.firms[t]!.idRank < model.firms[s]!.idRank;
    if (idFirst ? costT > costS : costT > costS - 0.011) return false;
  }
  return true;
}

describe('dominatedFirms marks exactly the firms with at least k + maxMembers − 1 dominators', () => {
  const runs = (arbitrary: fc.Arbitrary<EngineInput>, numRuns: number, seed: number) => {
    let marked = 0;
    fc.assert(
      fc.property(arbitrary, fc.integer({ min: 1, max: 4 }), (input, k) => {
        const model = buildMatchModel(input);
        const needed = k + model.lot.maxMembers - 1;
        const expected = model.firms.map((_, s) => {
          let dominators = 0;
          for (let t = 0; t < model.firms.length; t++) if (t !== s && dominatesByDefinition(model, t, s)) dominators++;
          return dominators >= needed ? 1 : 0;
        });
        const found = [...dominatedFirms(model, k, model.lot.maxMembers)];
        expect(found).toEqual(expected);
        marked += expected.filter(Boolean).length;
      }),
      { seed, numRuns },
    );
    // The property said something: some firms were dominated.
    expect(marked).toBeGreaterThan(0);
  };

  it('on small lots', () => runs(engineInput({ maxFirms: 16, maxSkills: 4 }), 300, 91));
  it('on near-tied, capacity-limited lots', () => runs(hardEngineInput({ maxFirms: 16, maxSkills: 3 }), 300, 92));
});
