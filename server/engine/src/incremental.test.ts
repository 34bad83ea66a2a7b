import { describe, expect, it } from 'vitest';
import {
  buildMatchModel,
  resolveAfterFirmChanges,
  settleFirmChanges,
  solve,
  solveModel,
  updateMatchModel,
  type FirmChange,
  type IncrementalOutcome,
  type MatchModel,
} from './index.ts';
import { dominatedByRivals } from './dominance.ts';
import { offerRules } from './eligibility.ts';
import { firmOffers } from './reach.ts';
import type { BookedUnits, EngineFirm, EngineInput, EngineResult } from './types.ts';

const HERE = { lat: 52.48, lon: -1.9 };
const FAR = { lat: 53.48, lon: -1.9 };

/** One skill, 10 units; cost = price × 10 (no social value, travel or coordination), so every firm is a set alone. */
function firm(id: string, unitPrice: number, overrides: Partial<EngineFirm> = {}): EngineFirm {
  return {
    id,
    name: `Firm ${id}`,
    location: HERE,
    serviceRadiusKm: 50,
    employees: 8,
    ownership: 'independent',
    capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 30, unitPrice }],
    certifications: [{ scheme: 'pas-2030', expires: '2030-01-01' }],
    socialValue: { realLivingWage: false, apprentices: 0, localEmployeesPct: 50, charterSignatory: false },
    ...overrides,
  };
}

function market(firms: EngineFirm[], booked: BookedUnits[] = []): EngineInput {
  return {
    lot: {
      id: 'lot',
      location: HERE,
      startDate: '2027-03-01',
      endDate: '2027-03-31',
      requirements: [{ skill: 'loft-insulation', quantity: 10, certifications: [] }],
      maxMembers: 6,
      maxDistanceKm: null,
      socialValueWeight: 0,
      travelCostPerUnitKm: 0,
      coordinationCostPerMember: 0,
    },
    firms,
    booked,
  };
}

const OPTIONS = { k: 2, timeBudgetMs: 60_000 };
const base = [firm('A', 100), firm('B', 110), firm('C', 120), firm('D', 150)];
const before = market(base);
const previous = solve(before, OPTIONS);

const answer = (result: EngineResult) => ({ proposals: result.proposals, unmet: result.unmet });

/** Resolves the change and checks the outcome against a from-scratch solve. */
function resolve(after: EngineInput, changes: FirmChange[], from: EngineResult = previous): IncrementalOutcome {
  const outcome = resolveAfterFirmChanges(after, from, changes, OPTIONS);
  const fromScratch = solve(after, OPTIONS);
  expect(answer(outcome.kind === 'unchanged' ? from : outcome.result)).toEqual(answer(fromScratch));
  return outcome;
}

const replaced = (id: string, next: EngineFirm | null): EngineFirm[] =>
  next ? base.map((other) => (other.id === id ? next : other)) : base.filter((other) => other.id !== id);
const costs = (outcome: IncrementalOutcome) =>
  outcome.kind === 'updated' ? outcome.result.proposals.map((proposal) => proposal.cost) : null;

describe('resolveAfterFirmChanges', () => {
  it('starts from A (1,000) and B (1,100)', () => {
    expect(previous.proposals.map((proposal) => [proposal.lead, proposal.cost])).toEqual([
      ['A', 1000],
      ['B', 1100],
    ]);
  });

  it('skips, by the heuristic, a firm that cannot reach the lot before or after', () => {
    const far = firm('Z', 1, { location: FAR, serviceRadiusKm: 5 });
    const after = market([...base, { ...far, serviceRadiusKm: 10 }]);
    expect(resolve(after, [{ firmId: 'Z', before: far }])).toEqual({ kind: 'unchanged', reason: 'heuristic' });
  });

  it('skips, by the heuristic, a firm outside the proposals that only got worse', () => {
    const after = market(replaced('D', firm('D', 160)));
    expect(resolve(after, [{ firmId: 'D', before: base[3]! }])).toEqual({ kind: 'unchanged', reason: 'heuristic' });
  });

  it('skips, by a proven bound, a firm that got cheaper but still costs more than the k-th proposal', () => {
    const after = market(replaced('C', firm('C', 115)));
    expect(resolve(after, [{ firmId: 'C', before: base[2]! }])).toEqual({ kind: 'unchanged', reason: 'proven-bound' });
  });

  it('never skips on an equal-penny bound: a new firm tying the k-th proposal with a lower id enters', () => {
    const after = market([...base, firm('A5', 110)]);
    const outcome = resolve(after, [{ firmId: 'A5', before: null }]);
    expect(outcome.kind === 'updated' && outcome.result.proposals.map((proposal) => proposal.lead)).toEqual([
      'A',
      'A5',
    ]);
  });

  it('keeps the answer when the tying firm ranks after the k-th on ids', () => {
    const after = market([...base, firm('C5', 110)]);
    expect(resolve(after, [{ firmId: 'C5', before: null }])).toEqual({ kind: 'unchanged', reason: 'proven-bound' });
  });

  it('merges a firm that became cheaper than a proposal', () => {
    const after = market(replaced('C', firm('C', 105)));
    const outcome = resolve(after, [{ firmId: 'C', before: base[2]! }]);
    expect(outcome.kind === 'updated' && outcome.method).toBe('merge');
    expect(costs(outcome)).toEqual([1000, 1050]);
  });

  it('solves in full, warm-started, when a shown member got worse or left', () => {
    const dearer = resolve(market(replaced('B', firm('B', 130))), [{ firmId: 'B', before: base[1]! }]);
    expect(dearer.kind === 'updated' && dearer.method).toBe('full');
    expect(costs(dearer)).toEqual([1000, 1200]);
    const removed = resolve(market(replaced('A', null)), [{ firmId: 'A', before: base[0]! }]);
    expect(costs(removed)).toEqual([1100, 1200]);
  });

  it('treats a withdrawn booking as the firm improving', () => {
    const booked: BookedUnits[] = [{ smeId: 'C', skill: 'loft-insulation', units: 25 }];
    const cheapC = replaced('C', firm('C', 105));
    const heldBack = solve(market(cheapC, booked), OPTIONS);
    expect(heldBack.proposals.map((proposal) => proposal.lead)).toEqual(['A', 'B']);
    const outcome = resolve(market(cheapC), [{ firmId: 'C', before: cheapC[2]!, bookedBefore: booked }], heldBack);
    expect(costs(outcome)).toEqual([1000, 1050]);
  });

  it('rebuilds the proposals when a shown member changes in a way that leaves its offers as they were', () => {
    const renamed = { ...base[0]!, name: 'A & Sons' };
    const outcome = resolve(market(replaced('A', renamed)), [{ firmId: 'A', before: base[0]! }]);
    expect(outcome.kind === 'updated' && outcome.method).toBe('merge');
  });

  it('recomputes an infeasible lot', () => {
    const none = solve(market([]), OPTIONS);
    expect(none.feasible).toBe(false);
    const outcome = resolve(market([firm('A', 100)]), [{ firmId: 'A', before: null }], none);
    expect(costs(outcome)).toEqual([1000]);
  });
});

describe('solve with incumbents', () => {
  it('gives the same answer whatever the incumbents: unknown ids, idle members and oversized sets are dropped', () => {
    const input = market(base);
    const plain = solve(input, OPTIONS);
    const warm = solve(input, {
      ...OPTIONS,
      incumbents: [['B'], ['A', 'B'], ['gone'], ['A', 'B', 'C', 'D'], ['D'], []],
    });
    expect(answer(warm)).toEqual(answer(plain));
  });
});

describe('a shown member that got dearer', () => {
  const options = { k: 3, timeBudgetMs: 60_000 };
  const lotWith = (firms: EngineFirm[], coordinationCostPerMember: number): EngineInput => {
    const input = market(firms);
    return { ...input, lot: { ...input.lot, coordinationCostPerMember } };
  };
  // G alone cannot cover the 10 units; beside a dearer F it gets work.
  const g = firm('G', 11, { capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 5, unitPrice: 11 }] });
  const start = [firm('F', 10), g, firm('H', 20), firm('I', 21)];
  const outcomeOf = (coordination: number, dearerF: number) => {
    const before = lotWith(start, coordination);
    const after = lotWith([firm('F', dearerF), g, firm('H', 20), firm('I', 21)], coordination);
    const outcome = resolveAfterFirmChanges(
      after,
      solve(before, options),
      [{ firmId: 'F', before: start[0]! }],
      options,
    );
    expect(outcome.kind === 'updated' && answer(outcome.result)).toEqual(answer(solve(after, options)));
    return outcome;
  };

  it('re-costs the shown sets when they provably stay the top k', () => {
    // F 300 → 302, H 400, I 410: any set F's rise puts to work costs at least 300 + 200 of coordination.
    const outcome = outcomeOf(200, 10.2);
    expect(outcome.kind === 'updated' && outcome.method).toBe('merge');
    expect(costs(outcome)).toEqual([302, 400, 410]);
  });

  it('solves in full when a firm idle beside the dearer member could now take work cheaply', () => {
    // F 110 → 125, and {F, G} (G idle before) now costs 132.5, ahead of the third proposal (180).
    const outcome = outcomeOf(10, 11.5);
    expect(outcome.kind === 'updated' && outcome.method).toBe('full');
    expect(costs(outcome)).toEqual([125, 132.5, 175]);
  });
});

describe('settleFirmChanges', () => {
  // One member per consortium and k = 2: a firm is in no top-2 set once k + maxMembers − 1 = 2 rivals dominate it.
  const single = (firms: EngineFirm[]): EngineInput => {
    const input = market(firms);
    return { ...input, lot: { ...input.lot, maxMembers: 1 } };
  };
  const from = solve(single(base), OPTIONS);
  const settle = (after: EngineInput, change: FirmChange, rivals = true) =>
    settleFirmChanges(
      after.lot,
      from,
      [change],
      new Map(after.firms.filter((other) => other.id === change.firmId).map((other) => [other.id, other])),
      after.booked,
      { k: OPTIONS.k, ...(rivals ? { rivalsOf: () => after.firms } : {}) },
    );

  it('settles a firm that got cheaper while two rivals still dominate it, and leaves one that enters to the engine', () => {
    const dominated = single(replaced('D', firm('D', 115)));
    expect(settle(dominated, { firmId: 'D', before: base[3]! })).toBe('stands-proven');
    expect(answer(solve(dominated, OPTIONS))).toEqual(answer(from));

    const entering = single(replaced('D', firm('D', 105)));
    expect(settle(entering, { firmId: 'D', before: base[3]! })).toBe('needs-engine');
    expect(solve(entering, OPTIONS).proposals.map((proposal) => proposal.lead)).toEqual(['A', 'D']);
  });

  it('settles by its own offers a firm outside the proposals that only got worse', () => {
    expect(settle(single(replaced('D', firm('D', 160))), { firmId: 'D', before: base[3]! })).toBe('stands-heuristic');
  });

  it("leaves a shown member's change, and an improved firm when no rivals are given, to the engine", () => {
    expect(settle(single(replaced('A', firm('A', 90))), { firmId: 'A', before: base[0]! })).toBe('needs-engine');
    expect(settle(single(replaced('D', firm('D', 115))), { firmId: 'D', before: base[3]! }, false)).toBe(
      'needs-engine',
    );
  });
});

describe('dominatedByRivals', () => {
  // One member per consortium and k = 2: two dominators prove a firm is in no top-2 set.
  const lot = { ...market([]).lot, maxMembers: 1 };
  const judged = firm('M', 15);
  const offers = firmOffers(lot, judged, []);
  // 150 dearer rivals (judged, none dominates), 40 out of reach (not counted), then two cheaper ones.
  const dearer = Array.from({ length: 150 }, (_, index) => firm(`R${index}`, 20));
  const away = Array.from({ length: 40 }, (_, index) => firm(`X${index}`, 1, { location: FAR }));
  const rivals = [...dearer, ...away, judged, firm('A', 10), firm('B', 11)];

  it('counts dominators across many rivals, skipping the firm and those out of reach', () => {
    const rules = offerRules(lot);
    expect(offers.size).toBe(1);
    expect(dominatedByRivals(rules, judged, offers, rivals, [], 2, 400)).toBe(true);
    // The scan counts only rivals that reach the lot: the 152nd is the second dominator.
    expect(dominatedByRivals(rules, judged, offers, rivals, [], 2, 152)).toBe(true);
    expect(dominatedByRivals(rules, judged, offers, rivals, [], 2, 151)).toBe(false);
    // Bookings count: A fully booked in the window no longer dominates.
    const booked = [{ smeId: 'A', skill: 'loft-insulation' as const, units: 30 }];
    expect(dominatedByRivals(rules, judged, offers, rivals, booked, 2, 400)).toBe(false);
  });

  it("judges usable units against the skill's whole quantity when the lot asks for it in several requirements", () => {
    const requirement = { skill: 'loft-insulation' as const, quantity: 6, certifications: [] };
    const split = { ...lot, requirements: [requirement, requirement] };
    const rules = offerRules(split);
    const large = firm('M', 15, { capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 12, unitPrice: 15 }] });
    const smaller = (id: string, capacityPerMonth: number) =>
      firm(id, 10, { capabilities: [{ skill: 'loft-insulation', capacityPerMonth, unitPrice: 10 }] });
    const largeOffers = firmOffers(split, large, []);
    // 12 units in all: cheaper firms with 8 free units cannot do M's 12, so they do not dominate it.
    expect(dominatedByRivals(rules, large, largeOffers, [smaller('A', 8), smaller('B', 8)], [], 2, 400)).toBe(false);
    expect(dominatedByRivals(rules, large, largeOffers, [smaller('A', 12), smaller('B', 12)], [], 2, 400)).toBe(true);
  });
});

const ids = (input: EngineInput, model: MatchModel) =>
  solveModel(input, model, { k: 3 }).proposals.map((proposal) => proposal.members.map((member) => member.smeId));

describe('updateMatchModel', () => {
  it('takes over the model it updates: that model cannot be updated again', () => {
    const before = market([firm('A', 100), firm('B', 110), firm('C', 120)]);
    const model = buildMatchModel(before);
    const after = market([firm('A', 100), firm('B', 110), firm('C', 90)]);
    const updated = updateMatchModel(model, after, new Set(['C']))!;
    expect(ids(after, updated)).toEqual(ids(after, buildMatchModel(after)));
    expect(ids(after, updated)[0]).toEqual(['C']);
    expect(() => updateMatchModel(model, after, new Set(['C']))).toThrow(/updated already/);
  });

  it('leaves the model as it was when a changed firm stops being a candidate', () => {
    const before = market([firm('A', 100), firm('B', 110), firm('C', 120)]);
    const model = buildMatchModel(before);
    // B is patched first (its position comes first) were the model patched before C is judged.
    const after = market([firm('A', 100), firm('B', 50), firm('C', 90, { location: FAR })]);
    expect(updateMatchModel(model, after, new Set(['B', 'C']))).toBeUndefined();
    expect(ids(before, model)).toEqual(solve(before, { k: 3 }).proposals.map((p) => p.members.map((m) => m.smeId)));
    expect(updateMatchModel(model, before, new Set(['B']))).toBeDefined();
  });
});
