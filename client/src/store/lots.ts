import type { Lot, LotInput } from '@lepa/shared';
import { api } from '../api/lepa.ts';
import { messageOf } from '../api/http.ts';
import { failure, type SaveResult } from '../forms/field-errors.ts';
import type { LoadStatus, Slice } from './types.ts';

export interface LotsSlice {
  lots: {
    /** every lot the client has seen, so the board and the editor share one copy */
    byId: Record<string, Lot>;
    /** load failures of single lots, by id */
    errors: Record<string, string>;
    mine: string[];
    mineStatus: LoadStatus;
    mineError: string | null;
  };
  loadMyLots(): Promise<void>;
  loadLot(lotId: string): Promise<void>;
  saveLot(lotId: string | null, input: LotInput): Promise<SaveResult<Lot>>;
  closeLot(lotId: string): Promise<string | null>;
}

export const createLotsSlice: Slice<LotsSlice> = (set, get) => {
  const remember = (lot: Lot) => {
    const lots = get().lots;
    const { [lot.id]: _cleared, ...errors } = lots.errors;
    set({ lots: { ...lots, byId: { ...lots.byId, [lot.id]: lot }, errors } });
  };

  return {
    lots: { byId: {}, errors: {}, mine: [], mineStatus: 'idle', mineError: null },

    async loadMyLots() {
      set({ lots: { ...get().lots, mineStatus: 'loading', mineError: null } });
      try {
        const mine = await api.lots.mine();
        const lots = get().lots;
        const byId = { ...lots.byId, ...Object.fromEntries(mine.map((lot) => [lot.id, lot])) };
        set({ lots: { ...lots, byId, mine: mine.map((lot) => lot.id), mineStatus: 'ready' } });
      } catch (error) {
        set({ lots: { ...get().lots, mineStatus: 'error', mineError: messageOf(error) } });
      }
    },

    async loadLot(lotId) {
      try {
        remember(await api.lots.get(lotId));
      } catch (error) {
        const lots = get().lots;
        set({ lots: { ...lots, errors: { ...lots.errors, [lotId]: messageOf(error) } } });
      }
    },

    async saveLot(lotId, input) {
      try {
        const saved = lotId ? await api.lots.update(lotId, input) : await api.lots.create(input);
        remember(saved);
        const lots = get().lots;
        if (!lots.mine.includes(saved.id)) set({ lots: { ...lots, mine: [saved.id, ...lots.mine] } });
        return { ok: true, value: saved };
      } catch (error) {
        return failure(error);
      }
    },

    /** Answers the error message, or null when the lot is closed. */
    async closeLot(lotId) {
      try {
        remember(await api.lots.close(lotId));
        return null;
      } catch (error) {
        return messageOf(error);
      }
    },
  };
};
