import type { LoginBody, RegisterBody, User } from '@lepa/shared';
import { api } from '../api/lepa.ts';
import { failure, type SaveResult } from '../forms/field-errors.ts';
import type { Slice } from './types.ts';

export interface SessionSlice {
  session: {
    /** `unknown` until GET /api/auth/me has answered after a page load */
    status: 'unknown' | 'signed-out' | 'signed-in';
    user: User | null;
    /**
     * Kept in memory only, for the websocket's auth message. After a reload it
     * is gone and the same-origin websocket relies on the HttpOnly cookie.
     */
    token: string | null;
  };
  restoreSession(): Promise<void>;
  signIn(body: LoginBody): Promise<SaveResult<User>>;
  register(body: RegisterBody): Promise<SaveResult<User>>;
  signOut(): Promise<void>;
}

export const createSessionSlice: Slice<SessionSlice> = (set, _get, store) => ({
  session: { status: 'unknown', user: null, token: null },

  async restoreSession() {
    try {
      const user = await api.auth.me();
      set({ session: { status: 'signed-in', user, token: null } });
    } catch {
      set({ session: { status: 'signed-out', user: null, token: null } });
    }
  },

  async signIn(body) {
    try {
      const { user, token } = await api.auth.login(body);
      set({ session: { status: 'signed-in', user, token } });
      return { ok: true, value: user };
    } catch (error) {
      return failure(error);
    }
  },

  async register(body) {
    try {
      const { user, token } = await api.auth.register(body);
      set({ session: { status: 'signed-in', user, token } });
      return { ok: true, value: user };
    } catch (error) {
      return failure(error);
    }
  },

  async signOut() {
    // Signed out locally even when the server cannot be reached: the user asked to leave.
    await api.auth.logout().catch(() => undefined);
    set({ ...store.getInitialState(), session: { status: 'signed-out', user: null, token: null } }, true);
  },
});
