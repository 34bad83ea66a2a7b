import type { Proposal, Sme } from '@lepa/shared';
import type { MapFirm } from '../../ui/map/RegionMap.tsx';
import { money } from '../../ui/format.ts';
import { leadWhoMayLead } from '../../ui/leading.ts';

/**
 * A proposal's members as map places: where each is, its reach, sized by its
 * share of the work. A member whose profile is still being fetched is left out
 * until it arrives (proposals carry no locations).
 */
export function mapFirmsOf(proposal: Proposal, firms: Readonly<Record<string, Sme>>): MapFirm[] {
  const lead = leadWhoMayLead(proposal, firms[proposal.lead]);
  return proposal.members.flatMap((member) => {
    const firm = firms[member.smeId];
    if (!firm) return [];
    const work = member.assignments.reduce((sum, a) => sum + a.quantity * a.unitCost, 0);
    return [
      {
        id: member.smeId,
        name: member.name,
        location: firm.location,
        radiusKm: firm.serviceRadiusKm,
        weight: work,
        role: member.smeId === lead ? 'lead' : 'member',
        detail: `${money(work)} of work`,
      },
    ];
  });
}
