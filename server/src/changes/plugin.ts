import fp from 'fastify-plugin';
import type { PersonalMessage } from '@lepa/shared';
import { sql } from 'drizzle-orm';
import type { Broadcast, ChangeEvent } from './change-event.ts';
import { bumpAffectedLots } from './affected-lots.ts';
import { coalescing } from '../common/coalescing.ts';

export type { Broadcast, ChangeEvent, FirmFootprint } from './change-event.ts';

export const CHANGES_CHANNEL = 'lepa_changes';
/** NOTIFY payloads must stay under 8,000 bytes; 150 UUIDs (lots and firms) with JSON quoting is about 6,000. */
const IDS_PER_NOTIFY = 150;
/** A booking of more firms than this (an award releasing many losing bids) is announced without them. */
const BOOKED_FIRMS_LISTED = 50;

/** What a committed change touched, once its lots are bumped and every instance told. */
export interface PublishedChange {
  event: ChangeEvent;
  lotIds: string[];
  seq: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Announces a committed change (never call inside a transaction) to every instance and to the
     * listeners of `onPublished`. A write that bumped its lots itself passes them with the change
     * number it took in that statement; otherwise the number is taken here and the lots bumped.
     */
    publishChange: (event: ChangeEvent, bumped?: { lotIds: string[]; seq: number }) => Promise<void>;
    /** Runs after every change this instance published (the matching service enqueues its lots here). */
    onPublished: (listener: (change: PublishedChange) => Promise<void>) => void;
    /** Send a broadcast to every instance, this one included. */
    broadcast: (broadcast: Broadcast) => Promise<void>;
    /** Send a message to every live connection of a user, on whichever instance it is. */
    notifyUser: (userId: string, message: PersonalMessage) => Promise<void>;
    /** Receives every broadcast, from this instance and the others. */
    onBroadcast: (listener: (broadcast: Broadcast) => void) => void;
  }
}

/**
 * The cross-instance change bus: PostgreSQL LISTEN/NOTIFY (PGlite's own in
 * one process). Domains publish committed changes here; the live board and
 * the matching service listen.
 */
export default fp(
  async (app) => {
    const listeners: ((broadcast: Broadcast) => void)[] = [];
    const published: ((change: PublishedChange) => Promise<void>)[] = [];
    // Sent together under load. A payload sent twice in one go arrives once, which loses nothing: change
    // broadcasts carry their own number, and the others say a state (answers, revocations, invitations).
    const notify = coalescing<string>((payloads) => app.database.notify(CHANGES_CHANNEL, payloads));
    const send = (broadcast: Broadcast) => notify(JSON.stringify(broadcast));

    /**
     * The change's number, taken before its lots are bumped: whoever sees a
     * bumped revision then finds this number issued, and waits for its broadcast.
     */
    async function nextSeq(): Promise<number> {
      const [row] = await app.database.db
        .select({ seq: sql<string>`nextval('change_seq')` })
        .from(sql`(select 1) as one`);
      return Number(row!.seq);
    }

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

    app.decorate('publishChange', async (event: ChangeEvent, bumped?: { lotIds: string[]; seq: number }) => {
      const seq = bumped?.seq ?? (await nextSeq());
      const affected = bumped?.lotIds ?? (await bumpAffectedLots(app.database.db, event));
      // A lot's own change names it even when there was no row to bump (deleted with its provider's account).
      const lotIds = event.type === 'lot' && !affected.includes(event.lotId) ? [...affected, event.lotId] : affected;
      // Firms whose profile or bookings changed: every market reloads them (each broadcast lists them all).
      const smeIds =
        event.type === 'sme'
          ? [event.smeId]
          : event.type === 'booking' && event.smeIds.length <= BOOKED_FIRMS_LISTED
            ? event.smeIds
            : [];
      const lotsPerNotify = IDS_PER_NOTIFY - smeIds.length;
      const chunks: string[][] = [];
      // Sent even when no lot is affected: every instance's copy of the firm must still change.
      for (let start = 0; start === 0 || start < lotIds.length; start += lotsPerNotify)
        chunks.push(lotIds.slice(start, start + lotsPerNotify));
      // Independent of each other, so sent together: a write's request waits for one round trip, not several.
      await Promise.all([
        ...chunks.map((chunk) => send({ kind: 'lots', lotIds: chunk, smeIds, change: event.type, seq })),
        ...published.map((listener) => listener({ event, lotIds, seq })),
      ]);
    });
    app.decorate('onPublished', (listener: (change: PublishedChange) => Promise<void>) => {
      published.push(listener);
    });
    app.decorate('broadcast', send);
    app.decorate('notifyUser', async (userId: string, message: PersonalMessage) => {
      await send({ kind: 'user', userId, message });
    });
    app.decorate('onBroadcast', (listener: (broadcast: Broadcast) => void) => {
      listeners.push(listener);
    });
  },
  { name: 'changes', dependencies: ['database'] },
);
