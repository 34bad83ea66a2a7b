import type { DemoSignIns, LotAward, NotificationPreferences } from '@lepa/shared';
import { api } from '../api/lepa.ts';
import { failure, type SaveResult } from '../forms/field-errors.ts';
import type { LoadStatus, Slice } from './types.ts';

/** Password reset, mail preferences and the demo's showcase sign-ins. */
export interface AccountSlice {
  account: {
    notifications: NotificationPreferences | null;
    notificationsStatus: LoadStatus;
    /** null until asked; `people` empty when the server has no demo data. */
    demo: DemoSignIns | null;
    /** The winner of each awarded lot viewed, by lot id. */
    awards: Readonly<Record<string, LotAward>>;
  };
  loadAward(lotId: string): Promise<void>;
  requestPasswordReset(email: string): Promise<SaveResult<true>>;
  confirmPasswordReset(token: string, password: string): Promise<SaveResult<true>>;
  loadNotifications(): Promise<void>;
  setNotification(kind: keyof NotificationPreferences, on: boolean): Promise<SaveResult<NotificationPreferences>>;
  loadDemoSignIns(): Promise<void>;
}

export const createAccountSlice: Slice<AccountSlice> = (set, get) => ({
  account: { notifications: null, notificationsStatus: 'idle', demo: null, awards: {} },

  async loadAward(lotId) {
    try {
      const award = await api.lots.awardOf(lotId);
      set({ account: { ...get().account, awards: { ...get().account.awards, [lotId]: award } } });
    } catch {
      // The board still says the lot is awarded; the winner's name is a nicety.
    }
  },

  async requestPasswordReset(email) {
    try {
      await api.auth.requestPasswordReset(email);
      return { ok: true, value: true };
    } catch (error) {
      return failure(error);
    }
  },

  async confirmPasswordReset(token, password) {
    try {
      await api.auth.confirmPasswordReset(token, password);
      // Every session ended with the reset, this browser's included.
      set({ session: { status: 'signed-out', user: null, token: null } });
      return { ok: true, value: true };
    } catch (error) {
      return failure(error);
    }
  },

  async loadNotifications() {
    set({ account: { ...get().account, notificationsStatus: 'loading' } });
    try {
      const notifications = await api.auth.notifications();
      set({ account: { ...get().account, notifications, notificationsStatus: 'ready' } });
    } catch {
      set({ account: { ...get().account, notificationsStatus: 'error' } });
    }
  },

  async setNotification(kind, on) {
    try {
      const notifications = await api.auth.updateNotifications({ [kind]: on });
      set({ account: { ...get().account, notifications } });
      return { ok: true, value: notifications };
    } catch (error) {
      return failure(error);
    }
  },

  async loadDemoSignIns() {
    try {
      const demo = await api.demo.signIns();
      set({ account: { ...get().account, demo } });
    } catch {
      set({ account: { ...get().account, demo: { password: '', people: [] } } });
    }
  },
});
