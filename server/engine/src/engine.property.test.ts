import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COORDINATOR_SKILL, toPennies } from '@lepa/shared';
import { solve, splitForMembers } from './index.ts';
import { bruteForceTopK, offersFor } from './testing/brute-force.ts';
import { engineInput, hardEngineInput } from './testing/instances.ts';
import type { EngineInput, EngineResult } from './types.ts';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Each rule of the scoring model, checked on the engine's own output. */
function expectModelInvariants(input: EngineInput, result: EngineResult, k: number): void {
  const { lot } = input;
  const offers = offersFor(input);
  expect(result.proposals.length).toBeLessThanOrEqual(k);
  expect(result.feasible).toBe(result.proposals.length > 0);
  const seenSets = new Set<string>();
  result.proposals.forEach((proposal, index) => {
    expect(proposal.rank).toBe(index + 1);
    if (index > 0) expect(proposal.cost).toBeGreaterThanOrEqual(result.proposals[index - 1]!.cost);
    const ids = proposal.members.map((member) => member.smeId).sort();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeLessThanOrEqual(lot.maxMembers);
    seenSets.add(ids.join(','));

    let raw = lot.coordinationCostPerMember * ids.length;
    for (const requirement of lot.requirements) {
      const parts = proposal.members.flatMap((member) =>
        member.assignments
          .filter((assignment) => assignment.skill === requirement.skill)
          .map((assignment) => ({ member, assignment })),
      );
      expect(parts.reduce((sum, part) => sum + part.assignment.quantity, 0)).toBe(requirement.quantity);
      if (requirement.skill === COORDINATOR_SKILL) {
        expect(parts).toHaveLength(1);
        expect(proposal.lead).toBe(parts[0]!.member.smeId);
      }
      for (const { member, assignment } of parts) {
        const offer = offers.get(member.smeId)?.get(requirement.skill);
        expect(offer, `${member.smeId} eligible for ${requirement.skill}`).toBeDefined();
        expect(Number.isInteger(assignment.quantity) && assignment.quantity > 0).toBe(true);
        expect(assignment.quantity).toBeLessThanOrEqual(offer!.available);
        raw += offer!.unitCost * assignment.quantity;
      }
    }
    for (const member of proposal.members) expect(member.assignments.length).toBeGreaterThan(0);
    // A lead picking exactly these members gets the same split and cost.
    const picked = splitForMembers(input, ids);
    expect(picked.ok && picked.proposal.cost).toBe(proposal.cost);
    expect(Math.abs(toPennies(raw) - toPennies(proposal.cost))).toBeLessThanOrEqual(1);
    const { work, socialValueDiscount, travel, coordination } = proposal.breakdown;
    expect(toPennies(work - socialValueDiscount + travel + coordination)).toBe(toPennies(proposal.cost));
    expect(proposal.members.some((member) => member.smeId === proposal.lead)).toBe(true);
    expect(proposal.explanation.length).toBeGreaterThan(0);
  });
  expect(seenSets.size).toBe(result.proposals.length);
}

describe('solve equals exhaustive search over the scoring model', () => {
  const runs = (maxFirms: number, maxSkills: number, numRuns: number, seed: number, arbitrary = engineInput) =>
    fc.assert(
      fc.property(arbitrary({ maxFirms, maxSkills }), fc.integer({ min: 1, max: 6 }), (input, k) => {
        deepFreeze(input);
        const snapshot = JSON.stringify(input);
        const result = solve(input, { k, timeBudgetMs: 60_000 });
        expect(JSON.stringify(input)).toBe(snapshot);
        expect(result.status).toBe('optimal');
        const expected = bruteForceTopK(input, k);
        expect(
          result.proposals.map((proposal) => ({
            members: proposal.members.map((m) => m.smeId).sort(),
            cents: toPennies(proposal.cost),
          })),
        ).toEqual(expected.map((set) => ({ members: set.members, cents: set.cents })));
        if (expected.length === 0) expect(result.unmet.length).toBeGreaterThan(0);
        expectModelInvariants(input, result, k);
      }),
      { seed, numRuns },
    );

  it('on 2,000 instances with up to 8 firms and 4 skills', () => runs(8, 4, 2000, 20270301));
  it('on 1,500 instances with up to 14 firms and 6 skills', () => runs(14, 6, 1500, 42));
  it('on 1,000 near-tied, capacity-limited instances with up to 14 firms and 4 skills', () =>
    runs(14, 4, 1000, 7, hardEngineInput));
});
