import { COORDINATOR_SKILL, type Proposal, type Sme } from '@lepa/shared';

/** Why a signed-in firm is not offered the lead, in the words the firm can act on. */
export const CANNOT_LEAD =
  'Only a firm offering retrofit coordination can lead a consortium; add it to your firm’s skills.';

/** DESIGN: a lead contractor's firm offers retrofit-coordinator. */
export const offersCoordination = (firm: Pick<Sme, 'capabilities'>): boolean =>
  firm.capabilities.some((capability) => capability.skill === COORDINATOR_SKILL);

/**
 * The proposal's lead when that firm may lead, else null. Without coordination in the lot the
 * engine names the member with the largest contract, which may not offer it; the firm's profile
 * (when fetched) or a coordination assignment shows whether it does.
 */
export function leadWhoMayLead(proposal: Proposal, leadFirm: Pick<Sme, 'capabilities'> | undefined): string | null {
  const lead = proposal.members.find((member) => member.smeId === proposal.lead);
  if (!lead) return null;
  const coordinates = lead.assignments.some((assignment) => assignment.skill === COORDINATOR_SKILL);
  return coordinates || (leadFirm !== undefined && offersCoordination(leadFirm)) ? lead.smeId : null;
}
