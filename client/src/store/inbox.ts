import type { Invitation } from '@lepa/shared';
import { api } from '../api/lepa.ts';
import { messageOf } from '../api/http.ts';
import type { InvitationMessage } from '@lepa/shared';
import { withConsortia } from './consortia.ts';
import type { AppState, LoadStatus, Slice } from './types.ts';

export interface InboxSlice {
  /** Invitations of my firms, pending and answered, as GET /api/invitations lists them. */
  inbox: { items: Invitation[]; status: LoadStatus; error: string | null };
  loadInbox(): Promise<void>;
  /** Answers the error message, or null once the answer is recorded. */
  answerInvitation(invitation: Invitation, answer: 'accept' | 'decline'): Promise<string | null>;
  /** Live: an invitation to one of my firms was sent, changed or withdrawn. */
  receiveInvitationMessage(message: InvitationMessage): void;
}

const sameInvitation = (a: { consortiumId: string; smeId: string }, b: { consortiumId: string; smeId: string }) =>
  a.consortiumId === b.consortiumId && a.smeId === b.smeId;

/** Invitations still waiting for my answer: the navigation badge's number. */
export const pendingInvitationCount = (state: AppState): number =>
  state.inbox.items.filter((item) => item.invitation === 'pending' && item.consortiumStatus === 'forming').length;

export const createInboxSlice: Slice<InboxSlice> = (set, get) => ({
  inbox: { items: [], status: 'idle', error: null },

  async loadInbox() {
    set({ inbox: { ...get().inbox, status: 'loading', error: null } });
    try {
      const items = await api.invitations.mine();
      set({ inbox: { items, status: 'ready', error: null } });
    } catch (error) {
      set({ inbox: { ...get().inbox, status: 'error', error: messageOf(error) } });
    }
  },

  async answerInvitation(invitation, answer) {
    try {
      const consortium = await api.invitations.answer(invitation.consortiumId, invitation.smeId, answer);
      const member = consortium.members.find((m) => m.smeId === invitation.smeId);
      const items = get().inbox.items.map((item) =>
        sameInvitation(item, invitation) && member
          ? { ...item, invitation: member.invitation, respondedAt: member.respondedAt }
          : item,
      );
      set({ inbox: { ...get().inbox, items }, consortia: withConsortia(get(), [consortium]) });
      return null;
    } catch (error) {
      return messageOf(error);
    }
  },

  receiveInvitationMessage(message) {
    const inbox = get().inbox;
    // A firm swapped out of a consortium has nothing left to answer; it leaves the inbox at once.
    const answer = message.invitation;
    if (answer === 'withdrawn') {
      set({ inbox: { ...inbox, items: inbox.items.filter((item) => !sameInvitation(item, message)) } });
    } else {
      const items = inbox.items.map((item) =>
        sameInvitation(item, message)
          ? { ...item, invitation: answer, assignments: message.assignments ?? item.assignments }
          : item,
      );
      set({ inbox: { ...inbox, items } });
    }
    // The message carries no lead name, dates or cost; the inbox itself has them.
    void get().loadInbox();
  },
});
