import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMatchModel, type MatchModel } from './eligibility.ts';
import { dominatedFirms } from './dominance.ts';
import { updateMatchModel } from './model-update.ts';
import { engineInput, hardEngineInput } from './testing/instances.ts';
import type { EngineFirm, EngineInput } from './types.ts';

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

/** One firm's offer changed: price scaled or capacity set, on the capability `pick` chooses. */
interface OfferEdit {
  pick: number;
  factor: number;
  capacity: number;
  onPrice: boolean;
  /** whether dominance is asked of the model after this edit (otherwise the next update starts from an older one) */
  judged: boolean;
}

const offerEdit: fc.Arbitrary<OfferEdit> = fc.record({
  pick: fc.nat(),
  factor: fc.constantFrom(0.5, 0.9, 0.99, 1.01, 1.2, 3),
  capacity: fc.integer({ min: 1, max: 12 }),
  onPrice: fc.boolean(),
  judged: fc.boolean(),
});

function applyOfferEdit(input: EngineInput, edit: OfferEdit): { input: EngineInput; firmId?: string } {
  const firm = input.firms[edit.pick % Math.max(1, input.firms.length)];
  if (!firm) return { input };
  const capability = firm.capabilities[edit.pick % firm.capabilities.length]!;
  const changed: EngineFirm = {
    ...firm,
    capabilities: firm.capabilities.map((other) =>
      other !== capability
        ? other
        : edit.onPrice
          ? { ...other, unitPrice: Math.max(1, Math.round(other.unitPrice * edit.factor)) }
          : { ...other, capacityPerMonth: edit.capacity },
    ),
  };
  return {
    input: { ...input, firms: input.firms.map((other) => (other === firm ? changed : other)) },
    firmId: firm.id,
  };
}

const dominatedIds = (model: MatchModel, k: number) => {
  const marks = dominatedFirms(model, k, model.lot.maxMembers);
  return model.firms
    .filter((_, index) => marks[index])
    .map((candidate) => candidate.firm.id)
    .sort();
};

describe('dominatedFirms on a model updated from another', () => {
  const runs = (arbitrary: fc.Arbitrary<EngineInput>, numRuns: number, seed: number) => {
    let compared = 0;
    fc.assert(
      fc.property(
        arbitrary,
        fc.integer({ min: 1, max: 4 }),
        fc.array(offerEdit, { maxLength: 12 }),
        (start, k, edits) => {
          let input = start;
          let model = buildMatchModel(input);
          dominatedFirms(model, k, model.lot.maxMembers);
          for (const edit of edits) {
            const step = applyOfferEdit(input, edit);
            if (!step.firmId) continue;
            input = step.input;
            model = updateMatchModel(model, input, new Set([step.firmId])) ?? buildMatchModel(input);
            if (!edit.judged) continue;
            // The marks carried over from the models before equal those of a model built afresh.
            expect(dominatedIds(model, k)).toEqual(dominatedIds(buildMatchModel(input), k));
            compared += 1;
          }
        },
      ),
      { seed, numRuns },
    );
    expect(compared).toBeGreaterThan(numRuns);
  };

  it('on small lots', () => runs(engineInput({ maxFirms: 16, maxSkills: 4 }), 300, 93));
  it('on near-tied, capacity-limited lots', () => runs(hardEngineInput({ maxFirms: 16, maxSkills: 3 }), 300, 94));
});
