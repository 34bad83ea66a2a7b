import type { Consortium, ConsortiumChange, Replacement } from '@lepa/shared';
import { api } from '../api/lepa.ts';
import { messageOf } from '../api/http.ts';
import type { BidMessage, ConsortiumMessage } from '@lepa/shared';
import { actionFailure, type ActionResult } from './action-result.ts';
import type { AppState, LoadStatus, Slice } from './types.ts';

export interface ConsortiaSlice {
  consortia: {
    /** every consortium the client has seen: mine, my invitations' and a lot's bids share one copy */
    byId: Record<string, Consortium>;
    /** load failures of single consortia, by id */
    errors: Record<string, string>;
    leading: string[];
    memberOf: string[];
    listStatus: LoadStatus;
    listError: string | null;
  };
  formConsortium(lotId: string, fromProposal: number, leadSmeId: string): Promise<ActionResult<Consortium>>;
  loadConsortium(consortiumId: string): Promise<void>;
  loadMyConsortia(): Promise<void>;
  /** Firms that could take a member's place, by the engine's rules on the server; cheapest swap first. */
  findReplacements(consortiumId: string, smeId: string): Promise<ActionResult<Replacement[]>>;
  replaceMembers(consortiumId: string, members: readonly string[]): Promise<ActionResult<ConsortiumChange>>;
  submitConsortium(consortiumId: string): Promise<ActionResult<Consortium>>;
  withdrawConsortium(consortiumId: string): Promise<ActionResult<Consortium>>;
  /** Live: a member of a consortium I lead answered its invitation. */
  receiveConsortiumMessage(message: ConsortiumMessage): void;
  /** Live: a bid I am part of, or one on my lot, changed status. */
  receiveBidMessage(message: BidMessage): void;
}

/**
 * `consortia` with these consortia stored. HTTP answers and live refetches
 * race, so a copy older than the one held (by `updatedAt`) is ignored.
 */
export function withConsortia(state: AppState, fresh: readonly Consortium[]): AppState['consortia'] {
  const { consortia } = state;
  const byId = { ...consortia.byId };
  const errors = { ...consortia.errors };
  for (const consortium of fresh) {
    const held = byId[consortium.id];
    if (!held || held.updatedAt <= consortium.updatedAt) byId[consortium.id] = consortium;
    delete errors[consortium.id];
  }
  return { ...consortia, byId, errors };
}

export const createConsortiaSlice: Slice<ConsortiaSlice> = (set, get) => {
  const remember = (...fresh: Consortium[]) => set({ consortia: withConsortia(get(), fresh) });

  /** Runs a change the server answers with the consortium, and keeps the answer. */
  async function change<T extends Consortium>(call: () => Promise<T>): Promise<ActionResult<T>> {
    try {
      const value = await call();
      remember(value);
      return { ok: true, value };
    } catch (error) {
      return actionFailure(error);
    }
  }

  return {
    consortia: { byId: {}, errors: {}, leading: [], memberOf: [], listStatus: 'idle', listError: null },

    async formConsortium(lotId, fromProposal, leadSmeId) {
      const result = await change(() => api.consortia.create(lotId, { fromProposal, leadSmeId }));
      if (result.ok) {
        const consortia = get().consortia;
        set({
          consortia: {
            ...consortia,
            leading: [result.value.id, ...consortia.leading.filter((id) => id !== result.value.id)],
          },
        });
      }
      return result;
    },

    async loadConsortium(consortiumId) {
      try {
        remember(await api.consortia.get(consortiumId));
      } catch (error) {
        const consortia = get().consortia;
        set({ consortia: { ...consortia, errors: { ...consortia.errors, [consortiumId]: messageOf(error) } } });
      }
    },

    async loadMyConsortia() {
      set({ consortia: { ...get().consortia, listStatus: 'loading', listError: null } });
      try {
        const [leading, memberOf] = await Promise.all([api.consortia.mine('lead'), api.consortia.mine('member')]);
        const stored = withConsortia(get(), [...leading, ...memberOf]);
        const ids = (list: Consortium[]) => list.map((consortium) => consortium.id);
        set({ consortia: { ...stored, leading: ids(leading), memberOf: ids(memberOf), listStatus: 'ready' } });
      } catch (error) {
        set({ consortia: { ...get().consortia, listStatus: 'error', listError: messageOf(error) } });
      }
    },

    async findReplacements(consortiumId, smeId) {
      try {
        return { ok: true, value: (await api.consortia.replacements(consortiumId, smeId)).items };
      } catch (error) {
        return actionFailure(error);
      }
    },
    replaceMembers: (consortiumId, members) => change(() => api.consortia.replaceMembers(consortiumId, members)),
    submitConsortium: (consortiumId) => change(() => api.consortia.submit(consortiumId)),
    withdrawConsortium: (consortiumId) => change(() => api.consortia.withdraw(consortiumId)),

    receiveConsortiumMessage(message) {
      const held = get().consortia.byId[message.consortiumId];
      if (held) {
        // Shown at once; the refetch below brings the server's timestamps.
        const members = held.members.map((m) => (m.smeId === message.smeId ? { ...m, invitation: message.event } : m));
        const consortia = get().consortia;
        set({ consortia: { ...consortia, byId: { ...consortia.byId, [held.id]: { ...held, members } } } });
      }
      void get().loadConsortium(message.consortiumId);
    },

    receiveBidMessage(message) {
      const state = get();
      const held = state.consortia.byId[message.consortiumId];
      if (held) {
        const consortia = state.consortia;
        set({
          consortia: { ...consortia, byId: { ...consortia.byId, [held.id]: { ...held, status: message.status } } },
        });
        void state.loadConsortium(message.consortiumId);
      }
      if (state.consortia.listStatus !== 'idle') void state.loadMyConsortia();
      if (state.bids[message.lotId]) void state.loadBids(message.lotId);
      // An award changes the lot itself; a board or lot card showing it must say so.
      if (state.lots.byId[message.lotId]) void state.loadLot(message.lotId);
      if (state.inbox.status !== 'idle') void state.loadInbox();
    },
  };
};
