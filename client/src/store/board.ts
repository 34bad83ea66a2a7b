import type { ProposalsAnswer } from '@lepa/shared';
import { api } from '../api/lepa.ts';
import { messageOf } from '../api/http.ts';
import type { Slice } from './types.ts';

export interface LotBoard {
  snapshot: ProposalsAnswer | null;
  error: string | null;
}

export interface BoardSlice {
  /** The latest proposals per lot, from HTTP or the websocket, whichever is newer. */
  boards: Record<string, LotBoard>;
  receiveSnapshot(snapshot: ProposalsAnswer): void;
  boardFailed(lotId: string, message: string): void;
  fetchProposals(lotId: string): Promise<void>;
}

export const EMPTY_BOARD: LotBoard = { snapshot: null, error: null };

export const createBoardSlice: Slice<BoardSlice> = (set, get) => ({
  boards: {},

  receiveSnapshot(snapshot) {
    const current = get().boards[snapshot.lotId]?.snapshot;
    // HTTP answers and websocket pushes race; `version` only grows, so an older snapshot is stale.
    if (current && snapshot.version < current.version) return;
    set({ boards: { ...get().boards, [snapshot.lotId]: { snapshot, error: null } } });
  },

  boardFailed(lotId, message) {
    const board = get().boards[lotId] ?? EMPTY_BOARD;
    set({ boards: { ...get().boards, [lotId]: { ...board, error: message } } });
  },

  async fetchProposals(lotId) {
    try {
      get().receiveSnapshot(await api.lots.proposals(lotId));
    } catch (error) {
      get().boardFailed(lotId, messageOf(error));
    }
  },
});
