import type { Assignment, ConsortiumStatus, InvitationState } from '@lepa/shared';

/**
 * Personal messages the server sends on `/ws` to one account (consortia
 * routes, DESIGN "Live updates"). shared/ does not describe them yet, so the
 * client names the fields it reads.
 */

/** To an invited firm's owner: a new or changed invitation, or `withdrawn` when the firm was swapped out. */
export interface InvitationMessage {
  type: 'invitation';
  consortiumId: string;
  lotId: string;
  smeId: string;
  invitation: InvitationState | 'withdrawn';
  /** absent on `withdrawn` */
  assignments?: Assignment[];
}

/** To the lead's owner: a member answered its invitation. */
export interface ConsortiumMessage {
  type: 'consortium';
  event: Exclude<InvitationState, 'pending'>;
  consortiumId: string;
  lotId: string;
  smeId: string;
}

/** To the members' owners and the lot's provider: a bid was submitted, withdrawn, awarded or lost. */
export interface BidMessage {
  type: 'bid';
  consortiumId: string;
  lotId: string;
  lotTitle: string;
  status: ConsortiumStatus;
}
