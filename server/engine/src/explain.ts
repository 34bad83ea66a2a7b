/**
 * Short sentences per proposal: why each member is there, what the social
 * value discount, travel and coordination did to the cost, and the gap to
 * the neighbouring proposals.
 */
import type { MatchModel } from './eligibility.ts';
import { money, km, plural, skillPhrase } from './format.ts';
import type { Split } from './split.ts';
import type { Proposal } from './types.ts';

/** Sentences about the members and the cost of one proposal. */
export function describeConsortium(model: MatchModel, split: Split, proposal: Proposal): string[] {
  const sentences: string[] = [];
  const leadMember = proposal.members.find((member) => member.smeId === proposal.lead)!;
  const coordinator = model.skills.find((skill) => skill.unsplit);
  sentences.push(
    coordinator
      ? `${leadMember.name} leads: it takes the whole retrofit coordinator role (${plural(coordinator.quantity, 'unit')}).`
      : `${leadMember.name} leads as the member with the largest share of the contract value.`,
  );

  const firmIndexById = new Map(split.members.map((firm) => [model.firms[firm]!.firm.id, firm]));
  for (const member of proposal.members) {
    const firm = firmIndexById.get(member.smeId)!;
    const roles = member.assignments.map((assignment) => {
      const skillIndex = model.skills.findIndex((skill) => skill.skill === assignment.skill);
      const parts = split.fills[skillIndex]!;
      const why =
        parts[0]!.firm === firm
          ? parts.length === 1
            ? 'the cheapest member for it'
            : 'the cheapest member for it, up to its free capacity'
          : 'units cheaper members had no capacity for';
      const quoted = `${plural(assignment.quantity, 'unit')} of ${skillPhrase(assignment.skill)} at its quoted ${money(assignment.unitPrice)} a unit, ${money(assignment.unitPrice * assignment.quantity)} paid`;
      return assignment.unitCost === assignment.unitPrice
        ? `${quoted} (${why})`
        : `${quoted}; ranked at ${money(assignment.unitCost)} a unit after the social value discount and travel (${why})`;
    });
    sentences.push(`${member.name}, ${km(member.distanceKm)} away, supplies ${roles.join('; ')}.`);
  }

  const { work, socialValueDiscount, travel, coordination } = proposal.breakdown;
  sentences.push(
    `Quoted work is ${money(work)}, what the firms are paid; for the ranking only, the social value discount takes off ${money(socialValueDiscount)}, ` +
      `travel adds ${money(travel)} and coordinating ${plural(proposal.members.length, 'member')} adds ${money(coordination)}.`,
  );
  return sentences;
}

/** How a proposal compares with its neighbours in the ranking. */
export function describeGap(proposals: readonly Proposal[], index: number, proven: boolean): string {
  const proposal = proposals[index]!;
  if (index === 0) {
    const next = proposals[1];
    const best = proven
      ? 'The cheapest consortium'
      : 'The cheapest consortium found before the time budget ran out (not proven cheapest)';
    if (!next) return proven ? 'The only consortium that covers the lot within the member limit.' : `${best}.`;
    return next.cost === proposal.cost
      ? `${best}; proposal 2 costs the same and ranks after it on member count or ids.`
      : `${best}; proposal 2 costs ${money(next.cost - proposal.cost)} more.`;
  }
  const previous = proposals[index - 1]!;
  const gapToBest = money(proposal.cost - proposals[0]!.cost);
  if (proposal.cost === previous.cost) {
    return `Costs the same as proposal ${previous.rank} (${gapToBest} more than proposal 1); ranked after it on member count or ids.`;
  }
  const stepNote = index > 1 ? ` and ${money(proposal.cost - previous.cost)} more than proposal ${previous.rank}` : '';
  return `Costs ${gapToBest} more than proposal 1${stepNote}.`;
}
