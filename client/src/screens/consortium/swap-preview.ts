import { roundPennies, type Consortium, type ProposalMember, type Replacement } from '@lepa/shared';

/** What a member swap would give, shown before the lead confirms it: the server's own split for the new set. */
export interface SwapPreview {
  /** the new members with their work */
  members: ProposalMember[];
  cost: number;
  costChange: number;
}

/** The member ids after replacing `outgoingId` with `incomingId`, the lead first as the server keeps it. */
export function swappedMemberIds(consortium: Consortium, outgoingId: string, incomingId: string): string[] {
  return consortium.members.map((m) => (m.smeId === outgoingId ? incomingId : m.smeId));
}

export function previewOf(consortium: Consortium, replacement: Replacement): SwapPreview {
  return {
    members: replacement.members,
    cost: replacement.cost,
    costChange: roundPennies(replacement.cost - consortium.cost),
  };
}
