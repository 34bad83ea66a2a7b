import { haversineKm } from '@lepa/shared';
import type { BookedUnits, EngineFirm, EngineInput, EngineLot } from '@lepa/engine';
import { createFirmIndex, type FirmIndex } from './firm-index.ts';

/**
 * The firms a solver thread needs to bring its copy of the market up to the
 * matching process's: every firm (`reset`), or those changed or removed after
 * version `since`. Versions number the process's firm changes; `version` is
 * the number the copy is at once this is applied.
 */
export interface FirmSync {
  version: number;
  since: number;
  reset: boolean;
  firms: EngineFirm[];
  removed: string[];
}

/**
 * Numbers the changes to a matching process's firms, so each solver thread's
 * copy can be brought up to date with the firms changed since its version.
 */
export function createFirmVersions() {
  let current = 0;
  /** Copies older than the last full load of the firms get every firm. */
  let loadedAt = 0;
  const changedAt = new Map<string, number>();
  return {
    /** Every firm was (re)loaded. */
    loaded() {
      current += 1;
      loadedAt = current;
      changedAt.clear();
    },

    /** One firm was changed, added or removed. */
    changed(firmId: string) {
      current += 1;
      changedAt.set(firmId, current);
    },

    /**
     * What a copy at version `since` (none: no copy) lacks to match `held`:
     * every firm when it has no copy or its copy predates the last full load,
     * else the firms changed after `since`, as they are now.
     */
    syncFrom(since: number | undefined, held: ReadonlyMap<string, EngineFirm>): FirmSync {
      if (since === undefined || since < loadedAt)
        return { version: current, since: 0, reset: true, firms: [...held.values()], removed: [] };
      const firms: EngineFirm[] = [];
      const removed: string[] = [];
      for (const [firmId, version] of changedAt) {
        if (version <= since) continue;
        const firm = held.get(firmId);
        if (firm) firms.push(firm);
        else removed.push(firmId);
      }
      return { version: current, since, reset: false, firms, removed };
    },
  };
}

/** Whether the firm offers one of the lot's skills and its radius (and the lot's limit) reaches the lot. */
export function reachesLot(lot: EngineLot, firm: EngineFirm): boolean {
  if (!firm.capabilities.some((c) => lot.requirements.some((r) => r.skill === c.skill))) return false;
  const distance = haversineKm(lot.location, firm.location);
  return distance <= firm.serviceRadiusKm && (lot.maxDistanceKm === null || distance <= lot.maxDistanceKm);
}

/**
 * Firms that offer one of the lot's skills and whose radius (and the lot's
 * limit) reaches it, with their units booked in the lot's window; the engine
 * decides the rest of eligibility.
 */
export function engineInputFrom(index: FirmIndex, lot: EngineLot, booked: readonly BookedUnits[]): EngineInput {
  const candidates: EngineFirm[] = [];
  for (const firm of index.reaching(lot)) if (reachesLot(lot, firm)) candidates.push(firm);
  const candidateIds = new Set(candidates.map((f) => f.id));
  return { lot, firms: candidates, booked: booked.filter((b) => candidateIds.has(b.smeId)) };
}

/** Syncs whose changed firms are remembered, so a kept lot model learns which of its firms changed. */
const SYNCS_LOGGED = 4_096;

/**
 * A solver thread's copy of the market's firms, kept by the syncs that come
 * with each batch, so a batch carries its lots and the few firms that changed
 * instead of thousands of candidates per lot (copying those between threads
 * cost more than most solves).
 */
export function createFirmMirror() {
  const index = createFirmIndex();
  /** The version this copy is at; none until the first reset. */
  let version: number | undefined;
  /** The firms each sync changed, oldest first, back to `loggedFrom` (a reset or the oldest entry dropped). */
  const log: { version: number; firmIds: string[] }[] = [];
  let loggedFrom = 0;

  return {
    /** Applies a sync; false when this copy is too old for it (or has none) and needs a reset. */
    apply(sync: FirmSync): boolean {
      if (sync.reset) {
        index.clear();
        for (const firm of sync.firms) index.set(firm);
        version = sync.version;
        log.length = 0;
        loggedFrom = version;
        return true;
      }
      if (version === undefined || version < sync.since) return false;
      // Firms are sent as they are now, so one this copy already has at that state is simply set again.
      for (const firm of sync.firms) index.set(firm);
      for (const firmId of sync.removed) index.delete(firmId);
      version = Math.max(version, sync.version);
      const firmIds = [...sync.firms.map((firm) => firm.id), ...sync.removed];
      if (firmIds.length > 0) log.push({ version, firmIds });
      if (log.length > SYNCS_LOGGED) loggedFrom = log.splice(0, log.length - SYNCS_LOGGED).at(-1)!.version;
      return true;
    },

    get version() {
      return version;
    },

    /** The firms changed or removed after version `since`; undefined when that is no longer known (a reset). */
    changedSince(since: number): Set<string> | undefined {
      if (since < loggedFrom) return undefined;
      const changed = new Set<string>();
      for (let at = log.length - 1; at >= 0 && log[at]!.version > since; at--)
        for (const firmId of log[at]!.firmIds) changed.add(firmId);
      return changed;
    },

    /** The firm as this copy holds it; undefined when removed. */
    firm(firmId: string): EngineFirm | undefined {
      return index.get(firmId);
    },

    input(lot: EngineLot, booked: readonly BookedUnits[]): EngineInput {
      return engineInputFrom(index, lot, booked);
    },
  };
}
export type FirmMirror = ReturnType<typeof createFirmMirror>;
