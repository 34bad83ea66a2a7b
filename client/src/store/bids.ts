import { api } from '../api/lepa.ts';
import { messageOf } from '../api/http.ts';
import { withConsortia } from './consortia.ts';
import type { LoadStatus, Slice } from './types.ts';

export interface LotBids {
  /** consortium ids, cheapest first as the server sends them; the consortia live in `consortia.byId` */
  ids: string[];
  status: LoadStatus;
  error: string | null;
}

export interface BidsSlice {
  /** The bids on each of my lots I have opened, by lot id. */
  bids: Record<string, LotBids>;
  loadBids(lotId: string): Promise<void>;
  /** Answers the error message, or null once the lot is awarded to this bid. */
  awardBid(lotId: string, consortiumId: string): Promise<string | null>;
}

export const EMPTY_BIDS: LotBids = { ids: [], status: 'idle', error: null };

export const createBidsSlice: Slice<BidsSlice> = (set, get) => {
  const put = (lotId: string, change: Partial<LotBids>) => {
    const bids = get().bids;
    set({ bids: { ...bids, [lotId]: { ...(bids[lotId] ?? EMPTY_BIDS), ...change } } });
  };

  return {
    bids: {},

    async loadBids(lotId) {
      put(lotId, { status: 'loading', error: null });
      try {
        const bids = await api.lots.bids(lotId);
        set({ consortia: withConsortia(get(), bids) });
        put(lotId, { ids: bids.map((bid) => bid.id), status: 'ready' });
      } catch (error) {
        put(lotId, { status: 'error', error: messageOf(error) });
      }
    },

    async awardBid(lotId, consortiumId) {
      try {
        const awarded = await api.lots.award(lotId, consortiumId);
        set({ consortia: withConsortia(get(), [awarded]) });
      } catch (error) {
        return messageOf(error);
      }
      // The other bids are now lost and the lot awarded; both come back from the server as they are.
      await Promise.all([get().loadBids(lotId), get().loadLot(lotId)]);
      return null;
    },
  };
};
