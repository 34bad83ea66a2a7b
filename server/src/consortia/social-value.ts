/**
 * The social value statement of a bid: the engine's proportionate figures and
 * the member profiles they were derived from, as they stood when the split
 * was made, so the statement always matches the bid's figures.
 */
import type { SocialValueStatement } from '@lepa/shared';
import type { ConsortiumRecord } from './store.ts';

export const METHOD = [
  'Derived from the profiles the firms already keep on Lepa, no extra forms: staff numbers, ownership, Real Living Wage, apprentices, Birmingham Business Charter for Social Responsibility signatory, location.',
  'Shares are of the contract value: the sum of each member’s unit price times the units it supplies, the money the firms are actually paid.',
  'Local: members within 25 km of the lot. Micro firms: fewer than 10 staff. Small firms: fewer than 50 staff (micro firms included). Non-subsidiary: any ownership but a subsidiary of a larger group.',
  'The same profile facts give each firm its score sv(s) in the published scoring model (0.03 Real Living Wage + 0.03 not a subsidiary + 0.02 Charter signatory + 0.02 at least one apprentice), which lowers its effective unit cost in the ranking; they are declared by the firms and can be checked against their certificates and payroll on request.',
];

export function socialValueStatement(record: ConsortiumRecord, asOf: Date): SocialValueStatement {
  const { proposal, members } = record.split;
  return {
    consortiumId: record.id,
    lotId: record.lotId,
    lotTitle: record.lotTitle,
    status: record.status,
    cost: record.cost,
    figures: proposal.socialValue,
    members: proposal.members.map((member) => {
      const snapshot = members.find((m) => m.smeId === member.smeId)!;
      return {
        smeId: member.smeId,
        name: member.name,
        distanceKm: member.distanceKm,
        employees: snapshot.employees,
        ownership: snapshot.ownership,
        realLivingWage: snapshot.realLivingWage,
        apprentices: snapshot.apprentices,
        localEmployeesPct: snapshot.localEmployeesPct,
        charterSignatory: snapshot.charterSignatory,
        contractValue: snapshot.contractValue,
        skills: member.assignments.map((a) => a.skill),
      };
    }),
    method: METHOD,
    asOf: asOf.toISOString(),
  };
}
