import type { Slice } from './types.ts';

/** idle: no board open yet; offline: gave up (signed out elsewhere, or the server refused us). */
export type ConnectionStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface ConnectionSlice {
  connection: {
    status: ConnectionStatus;
    /** when the next attempt is due, for "reconnecting in 4 s" */ retryAt: number | null;
  };
  setConnection(status: ConnectionStatus, retryAt?: number | null): void;
}

export const createConnectionSlice: Slice<ConnectionSlice> = (set) => ({
  connection: { status: 'idle', retryAt: null },
  setConnection(status, retryAt = null) {
    set({ connection: { status, retryAt } });
  },
});
