import type { Consortium, Invitation } from '@lepa/shared';
import type { AuthenticatedUser } from '../auth/service.ts';
import type { ConsortiumRecord } from './store.ts';

/** The API's Consortium: the stored split with each member's invitation state; the lead comes first. */
export function toConsortium(record: ConsortiumRecord): Consortium {
  const { proposal } = record.split;
  const invitations = new Map(record.members.map((m) => [m.smeId, m]));
  const members = proposal.members.map((member) => {
    const row = invitations.get(member.smeId);
    return {
      smeId: member.smeId,
      name: member.name,
      distanceKm: member.distanceKm,
      invitation: row?.invitation ?? 'pending',
      respondedAt: row?.respondedAt?.toISOString() ?? null,
      assignments: member.assignments,
    };
  });
  return {
    id: record.id,
    lotId: record.lotId,
    lotTitle: record.lotTitle,
    lead: record.leadSmeId,
    status: record.status,
    cost: record.cost,
    breakdown: proposal.breakdown,
    members: [
      ...members.filter((m) => m.smeId === record.leadSmeId),
      ...members.filter((m) => m.smeId !== record.leadSmeId),
    ],
    socialValue: proposal.socialValue,
    explanation: proposal.explanation,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    submittedAt: record.submittedAt?.toISOString() ?? null,
  };
}

/** Who may see a consortium: the lead's owner, the members' owners and the provider who posted the lot. */
export function canView(user: AuthenticatedUser, record: ConsortiumRecord): boolean {
  return (
    user.id === record.leadOwnerId || user.id === record.lotOwnerId || record.members.some((m) => m.ownerId === user.id)
  );
}

export type InvitationRow = Omit<Invitation, 'respondedAt'> & { respondedAt: Date | null };

export function toInvitation(row: InvitationRow): Invitation {
  return { ...row, respondedAt: row.respondedAt?.toISOString() ?? null };
}
