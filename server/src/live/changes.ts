import fp from 'fastify-plugin';
import type { Broadcast, ChangeEvent } from './change-event.ts';
import { bumpAffectedLots } from './affected-lots.ts';

export type { ChangeEvent, FirmFootprint } from './change-event.ts';

export const CHANGES_CHANNEL = 'lepa_changes';
/** NOTIFY payloads must stay under 8,000 bytes; 150 UUIDs with JSON quoting is about 6,000. */
const LOT_IDS_PER_NOTIFY = 150;

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Announce a committed change (never call inside a transaction): bumps the
     * revision of every lot it can affect, then tells every instance which.
     * `bumpedLotIds`: the write bumped its lots itself (in its own transaction); only announce them.
     */
    publishChange: (event: ChangeEvent, bumpedLotIds?: string[]) => Promise<void>;
    /** Send a broadcast to every instance, this one included. */
    broadcast: (broadcast: Broadcast) => Promise<void>;
    /** Send a message to every live connection of a user, on whichever instance it is. */
    notifyUser: (userId: string, message: Record<string, unknown>) => Promise<void>;
    /** Receives every broadcast, from this instance and the others. */
    onBroadcast: (listener: (broadcast: Broadcast) => void) => void;
  }
}

export default fp(
  async (app) => {
    const listeners: ((broadcast: Broadcast) => void)[] = [];
    const send = (broadcast: Broadcast) => app.database.notify(CHANGES_CHANNEL, JSON.stringify(broadcast));

    const dispatch = (broadcast: Broadcast) => {
      for (const listener of listeners) listener(broadcast);
    };
    const unlisten = await app.database.listen(
      CHANGES_CHANNEL,
      (payload) => {
        try {
          dispatch(JSON.parse(payload) as Broadcast);
        } catch {
          app.log.warn({ payload }, 'ignored a malformed change notification');
        }
      },
      () => dispatch({ kind: 'resync' }),
    );
    app.addHook('preClose', async () => {
      await unlisten().catch(() => {});
    });

    app.decorate('publishChange', async (event: ChangeEvent, bumpedLotIds?: string[]) => {
      const lotIds = bumpedLotIds ?? (await bumpAffectedLots(app.database.db, event));
      const smeIds = event.type === 'sme' ? [event.smeId] : [];
      // Sent even when no lot is affected: every instance's copy of the firm must still change.
      for (let start = 0; start === 0 || start < lotIds.length; start += LOT_IDS_PER_NOTIFY) {
        await send({ kind: 'lots', lotIds: lotIds.slice(start, start + LOT_IDS_PER_NOTIFY), smeIds });
      }
    });
    app.decorate('broadcast', send);
    app.decorate('notifyUser', async (userId: string, message: Record<string, unknown>) => {
      await send({ kind: 'user', userId, message });
    });
    app.decorate('onBroadcast', (listener: (broadcast: Broadcast) => void) => {
      listeners.push(listener);
    });
  },
  { name: 'changes', dependencies: ['database'] },
);
