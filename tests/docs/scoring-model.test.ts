import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { solve } from '@lepa/engine';
import { exampleInput } from './scoring-example.ts';

const doc = readFileSync(new URL('../../docs/scoring-model.md', import.meta.url), 'utf8');
const pounds = (value: number) =>
  `£${value.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** docs/scoring-model.md's worked example is what the real engine answers for the same lot and firms. */
describe('the worked example in docs/scoring-model.md', () => {
  const result = solve(exampleInput, { k: 5 });

  it('quotes the engine’s proposals, costs and unit costs', () => {
    expect(result.feasible).toBe(true);
    expect(result.proposals.map((p) => p.members.map((m) => m.smeId).sort())).toEqual([
      ['kingstanding', 'perry-barr'],
      ['perry-barr', 'solihull'],
      ['kingstanding', 'perry-barr', 'solihull'],
    ]);
    for (const proposal of result.proposals) {
      expect(doc).toContain(`**${pounds(proposal.cost)}**`);
      for (const member of proposal.members) {
        for (const assignment of member.assignments) expect(doc).toContain(`**${pounds(assignment.unitCost)}**`);
      }
    }
    const [best] = result.proposals;
    expect(doc).toContain(`quoted work ${pounds(best!.breakdown.work)}`);
    expect(doc).toContain(`social value discount of ${pounds(best!.breakdown.socialValueDiscount)}`);
    expect(doc).toContain(`plus ${pounds(best!.breakdown.travel)} of travel`);
  });
});
