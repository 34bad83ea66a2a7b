import { inArray, sql } from 'drizzle-orm';
import { smes, type Executor } from '@lepa/db';
import type { Skill } from '@lepa/shared';
import type { BookedUnits, EngineFirm, EngineLot, FirmChange as EngineFirmChange } from '@lepa/engine';
import type { Broadcast } from '../changes/change-event.ts';
import { loadFirms } from './engine-input.ts';
import { bookedInWindow, loadBookedWindows, type BookedWindow } from './booked-windows.ts';
import { createFirmIndex } from './firm-index.ts';
import { createFirmVersions, type FirmSync } from './firm-mirror.ts';

/**
 * One firm's change: `before` is its profile as it was (null for a new firm);
 * `bookingsBefore`, when its bookings changed, what they were in every window.
 */
export interface FirmChange {
  firmId: string;
  before: EngineFirm | null;
  bookingsBefore?: readonly BookedWindow[];
}

/** Firm changes as the engine's incremental API takes them for one lot: bookings as they were in its window. */
export function changesForLot(changes: readonly FirmChange[], lot: EngineLot): EngineFirmChange[] {
  return changes.map(({ firmId, before, bookingsBefore }) =>
    bookingsBefore ? { firmId, before, bookedBefore: bookedInWindow(firmId, bookingsBefore, lot) } : { firmId, before },
  );
}

/** What changed since some change number: firm edits with their before-profiles, or something unknown. */
export type ChangesSince = { known: true; firms: FirmChange[] } | { known: false };

interface LoggedChange {
  seq: number;
  firms: FirmChange[];
}

/**
 * The highest change number issued so far, as a column: read while its
 * statement runs, after the statement's snapshot, so it is at least the
 * number of every change whose writes that statement sees.
 */
export const issuedSeq = sql<string>`(select case when is_called then last_value else 0 end from change_seq)`;

/** How many applied changes are remembered with their before-profiles. */
const CHANGE_LOG_LENGTH = 20_000;

/**
 * Every firm's matching profile, held in memory by a matching process so a
 * lot's candidates are found without a database round trip per solve. Kept
 * current by the change broadcasts, in change-number order: `appliedThrough`
 * is the highest number up to which every change is applied, and a short log
 * keeps each firm change's before-profile so a solver knows which firms
 * changed since a stored answer. A lost broadcast (a gap that does not fill,
 * or a re-established LISTEN connection) reloads everything. Firms' bookings
 * are held the same way, so an answer's bookings are those of its number too,
 * and a booking is a firm change the engine can settle like a profile edit.
 */
export function createMarket(deps: { db: Executor; gapTimeoutMs?: number }) {
  const { db } = deps;
  const gapTimeoutMs = deps.gapTimeoutMs ?? 2_000;
  let firms: Map<string, EngineFirm> | undefined;
  /** Every firm's booked units by window, held with `firms` (a firm with none is absent). */
  let bookingsByFirm = new Map<string, BookedWindow[]>();
  /** The same firms by place, kept with `firms`. */
  const byPlace = createFirmIndex();
  let loading: Promise<Map<string, EngineFirm>> | undefined;
  /** Bumped by every invalidation, so a load that started before one is not trusted after it. */
  let generation = 0;
  /** Every change numbered up to here is applied, and no other: the firms held are exactly those of this number. */
  let appliedThrough = 0;
  /** Changes below this number are not in the log. */
  let logStart = Number.POSITIVE_INFINITY;
  const log: LoggedChange[] = [];
  const waiters = new Set<{ seq: number; resolve: () => void }>();
  type LotsBroadcast = Extract<Broadcast, { kind: 'lots' }>;
  /** Broadcasts not looked at yet, in arrival order. */
  let arrived: LotsBroadcast[] = [];
  /**
   * Broadcasts that arrived ahead of a lower number (instances publish in parallel), held until it
   * comes: applying one early would put a change above `appliedThrough` into the firms, and an answer
   * worked out from them, stamped with that number, would later be given the change again with a
   * before-profile it never saw (and could be merged instead of solved again).
   */
  const held = new Map<number, LotsBroadcast>();
  let applying = Promise.resolve();

  /** Numbers the changes to the firms held, for the solver threads' copies. */
  const versions = createFirmVersions();

  async function lastIssuedSeq(): Promise<number> {
    const [row] = await db.select({ last: issuedSeq }).from(sql`(select 1) as one`);
    return Number(row?.last ?? 0);
  }

  function wakeWaiters() {
    for (const waiter of waiters) {
      if (waiter.seq <= appliedThrough) {
        waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  async function all(): Promise<Map<string, EngineFirm>> {
    if (firms) return firms;
    if (!loading) {
      const startedAt = generation;
      loading = (async () => {
        // Every change numbered up to here committed its data before taking its number, so the load below has it.
        const baseline = await lastIssuedSeq();
        const [firmRows, bookingsLoaded] = await Promise.all([loadFirms(db), loadBookedWindows(db)]);
        const loaded = new Map(firmRows.map((firm) => [firm.id, firm]));
        if (startedAt === generation) {
          firms = loaded;
          bookingsByFirm = bookingsLoaded;
          byPlace.clear();
          for (const firm of loaded.values()) byPlace.set(firm);
          versions.loaded();
          appliedThrough = Math.max(appliedThrough, baseline);
          for (const seq of held.keys()) if (seq <= appliedThrough) held.delete(seq);
          logStart = appliedThrough + 1;
          log.length = 0;
          wakeWaiters();
          // Changes held for a number the load has passed may follow on now.
          if (held.size > 0) void scheduleApply();
        }
        return loaded;
      })().finally(() => {
        loading = undefined;
      });
    }
    return loading;
  }

  function invalidate() {
    generation += 1;
    firms = undefined;
    bookingsByFirm = new Map();
    byPlace.clear();
    logStart = Number.POSITIVE_INFINITY;
    log.length = 0;
  }

  function scheduleApply(): Promise<void> {
    applying = applying.then(applyArrived).catch(() => invalidate());
    return applying;
  }

  /**
   * Applies, in number order, every change that follows `appliedThrough`
   * without a gap, reading all their firms in one query: under a stream of
   * edits the firms of many changes come in one round trip. Each change logs
   * its firms as held before it; a firm changed twice in one call logs, for
   * the second change, what the read returned, as one read per change would
   * have when the second change had committed before the first change's read.
   */
  async function applyArrived() {
    const batch = arrived;
    arrived = [];
    // A load in flight may or may not have read these changes: apply them on top of what it read.
    if (loading) await loading.catch(() => undefined);
    for (const broadcast of batch) if (broadcast.seq > appliedThrough) held.set(broadcast.seq, broadcast);
    const next: LotsBroadcast[] = [];
    for (let seq = appliedThrough + 1; held.has(seq); seq += 1) next.push(held.get(seq)!);
    if (next.length === 0) return;
    const current = firms;
    const startedAt = generation;
    const firmIds = current ? [...new Set(next.flatMap((broadcast) => broadcast.smeIds))] : [];
    const bookingFirmIds = current
      ? [...new Set(next.filter((b) => b.change === 'booking').flatMap((broadcast) => broadcast.smeIds))]
      : [];
    const [firmRows, bookingsLoaded] = await Promise.all([
      firmIds.length > 0 ? loadFirms(db, inArray(smes.id, firmIds)) : [],
      loadBookedWindows(db, bookingFirmIds),
    ]);
    const loaded = new Map(firmRows.map((f) => [f.id, f]));
    // Reloaded during the read: start again on the firms loaded, which may have passed some of these numbers.
    if (generation !== startedAt) {
      void scheduleApply();
      return;
    }
    for (const broadcast of next) {
      const { seq } = broadcast;
      held.delete(seq);
      let logged: FirmChange[] = [];
      if (current) {
        logged = broadcast.smeIds.map((firmId): FirmChange => {
          const before = current.get(firmId) ?? null;
          const after = loaded.get(firmId);
          versions.changed(firmId);
          if (after) {
            current.set(firmId, after);
            byPlace.set(after);
          } else {
            current.delete(firmId);
            byPlace.delete(firmId);
          }
          if (broadcast.change !== 'booking') return { firmId, before };
          const bookingsBefore = bookingsByFirm.get(firmId) ?? [];
          const bookingsAfter = bookingsLoaded.get(firmId);
          if (bookingsAfter) bookingsByFirm.set(firmId, bookingsAfter);
          else bookingsByFirm.delete(firmId);
          return { firmId, before, bookingsBefore };
        });
      }
      if (firms) {
        log.push({ seq, firms: logged });
        if (log.length > CHANGE_LOG_LENGTH) logStart = log.splice(0, log.length - CHANGE_LOG_LENGTH).at(-1)!.seq + 1;
      }
      appliedThrough = seq;
    }
    wakeWaiters();
  }

  return {
    /** The highest change number issued so far (read before a lot, so a solve waits for everything it saw). */
    lastIssuedSeq,

    /**
     * Applies change broadcasts in number order, holding any that arrive ahead of a lower number;
     * `resync` reloads everything. Resolves once the broadcast is applied or held.
     */
    apply(broadcast: Broadcast): Promise<void> {
      // A booking of more firms than a broadcast lists: whose bookings changed is not known, so everything is.
      const unlisted = broadcast.kind === 'lots' && broadcast.change === 'booking' && broadcast.smeIds.length === 0;
      if (broadcast.kind === 'resync' || unlisted) invalidate();
      if (broadcast.kind !== 'lots') return applying;
      arrived.push(broadcast);
      // The first to arrive since the last call schedules the next; the rest join it.
      return arrived.length === 1 ? scheduleApply() : applying;
    },

    /**
     * Resolves once every change numbered up to `seq` is applied, and with the
     * number applied through. A gap that does not fill within the timeout
     * means a broadcast was lost: everything is reloaded.
     */
    async catchUp(seq: number): Promise<number> {
      await all();
      if (appliedThrough >= seq) return appliedThrough;
      const arrived = await new Promise<boolean>((resolve) => {
        const waiter = { seq, resolve: () => resolve(true) };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) resolve(false);
        }, gapTimeoutMs).unref();
      });
      if (!arrived) {
        invalidate();
        await all();
        appliedThrough = Math.max(appliedThrough, seq);
        logStart = appliedThrough + 1;
      }
      return appliedThrough;
    },

    /**
     * The number through which every change is applied: what an answer worked out from the firms held
     * now reflects, so the number to store it with. Read it with no wait between it and the firms'
     * use: a change applied in between would be in the answer but not in its number, and the next
     * `changesSince` would give that change's firm with a before-profile the answer never saw.
     */
    appliedSeq: () => appliedThrough,

    /** Firm changes numbered after `seq` up to what is applied, with the earliest before-profile per firm. */
    changesSince(seq: number): ChangesSince {
      if (seq + 1 < logStart) return { known: false };
      const byFirm = new Map<string, FirmChange>();
      for (const entry of log) {
        if (entry.seq <= seq) continue;
        for (const change of entry.firms) {
          const first = byFirm.get(change.firmId);
          if (!first) byFirm.set(change.firmId, change);
          // The bookings as they were before the first change that moved them (earlier ones kept them).
          else if (!first.bookingsBefore && change.bookingsBefore)
            byFirm.set(change.firmId, { ...first, bookingsBefore: change.bookingsBefore });
        }
      }
      return { known: true, firms: [...byFirm.values()] };
    },

    /** Units booked per firm and skill in the lot's window, as held now (after `catchUp`). */
    bookedIn(lot: EngineLot): BookedUnits[] {
      const booked: BookedUnits[] = [];
      for (const [firmId, windows] of bookingsByFirm) booked.push(...bookedInWindow(firmId, windows, lot));
      return booked;
    },

    /** The named firms as they are now (after `catchUp`); a removed firm is absent. */
    async firms(ids: readonly string[]): Promise<Map<string, EngineFirm>> {
      const market = await all();
      const found = new Map<string, EngineFirm>();
      for (const id of ids) {
        const firm = market.get(id);
        if (firm) found.set(id, firm);
      }
      return found;
    },

    /**
     * Firms offering all of `skills` that reach the lot (after `catchUp`),
     * produced as they are asked for: the rivals the engine's
     * settleFirmChanges scans, usually only a few of them.
     */
    rivalsOf(lot: EngineLot, skills: readonly Skill[]): Iterable<EngineFirm> {
      return firms ? byPlace.offering(lot, skills) : [];
    },

    /** What a solver thread whose copy is at version `since` (none: no copy) lacks (after `catchUp`). */
    firmSync(since: number | undefined): FirmSync {
      return versions.syncFrom(since, firms ?? new Map());
    },
  };
}
export type Market = ReturnType<typeof createMarket>;
