import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { bookings, consortia, smeCapabilities, smeCertifications, smes, type Executor } from '@lepa/db';
import { haversineKm, type Lot, type Skill } from '@lepa/shared';
import type { BookedUnits, EngineFirm, EngineInput } from '@lepa/engine';
import { BOOKING_STATES, toEngineLot } from './inputs.ts';

/**
 * Every firm's matching profile, held in memory by each instance so a lot's
 * candidates are found without a database round trip per recompute (the live
 * board recomputes many lots per change). Kept current by the change
 * broadcasts: a changed firm is reloaded by id; when broadcasts may have been
 * missed (the LISTEN connection was re-established) everything is reloaded.
 * Bookings change rarely and are read per computation, so they are not cached.
 */
export interface FirmChange {
  smeId: string;
  before: EngineFirm | undefined;
  after: EngineFirm | undefined;
}

export function createMarketCache(deps: { db: Executor }) {
  const { db } = deps;
  let firms: Map<string, EngineFirm> | undefined;
  let loading: Promise<Map<string, EngineFirm>> | undefined;
  /** Bumped by every invalidation, so a load that started before one is not trusted after it. */
  let generation = 0;

  async function load(smeIds?: readonly string[]): Promise<EngineFirm[]> {
    const firmFilter = smeIds ? inArray(smes.id, [...smeIds]) : undefined;
    const [rows, capabilities, certifications] = await Promise.all([
      db.select().from(smes).where(firmFilter),
      db
        .select()
        .from(smeCapabilities)
        .where(smeIds ? inArray(smeCapabilities.smeId, [...smeIds]) : undefined),
      db
        .select({
          smeId: smeCertifications.smeId,
          scheme: smeCertifications.scheme,
          expires: smeCertifications.expires,
        })
        .from(smeCertifications)
        .where(smeIds ? inArray(smeCertifications.smeId, [...smeIds]) : undefined),
    ]);
    const byId = new Map<
      string,
      EngineFirm & {
        capabilities: EngineFirm['capabilities'][number][];
        certifications: EngineFirm['certifications'][number][];
      }
    >();
    for (const row of rows) {
      byId.set(row.id, {
        id: row.id,
        name: row.name,
        location: { lat: row.lat, lon: row.lon },
        serviceRadiusKm: row.serviceRadiusKm,
        employees: row.employees,
        ownership: row.ownership,
        capabilities: [],
        certifications: [],
        socialValue: {
          realLivingWage: row.realLivingWage,
          apprentices: row.apprentices,
          localEmployeesPct: row.localEmployeesPct,
          charterSignatory: row.charterSignatory,
        },
      });
    }
    for (const c of capabilities)
      byId
        .get(c.smeId)
        ?.capabilities.push({ skill: c.skill, capacityPerMonth: c.capacityPerMonth, unitPrice: c.unitPrice });
    for (const c of certifications) byId.get(c.smeId)?.certifications.push({ scheme: c.scheme, expires: c.expires });
    return [...byId.values()];
  }

  async function all(): Promise<Map<string, EngineFirm>> {
    if (firms) return firms;
    if (!loading) {
      const startedAt = generation;
      loading = load().then(
        (loaded) => {
          const map = new Map(loaded.map((firm) => [firm.id, firm]));
          if (startedAt === generation) firms = map;
          loading = undefined;
          return map;
        },
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
    }
    return loading;
  }

  async function bookedInWindow(startDate: string, endDate: string): Promise<BookedUnits[]> {
    const rows = await db
      .select({ smeId: bookings.smeId, skill: bookings.skill, units: sql<number>`sum(${bookings.units})::int` })
      .from(bookings)
      .innerJoin(consortia, eq(consortia.id, bookings.consortiumId))
      .where(
        and(
          inArray(consortia.status, [...BOOKING_STATES]),
          lt(bookings.startDate, endDate),
          gt(bookings.endDate, startDate),
        ),
      )
      .groupBy(bookings.smeId, bookings.skill);
    return rows.map((r) => ({ smeId: r.smeId, skill: r.skill as Skill, units: Number(r.units) }));
  }

  return {
    /**
     * Firms that offer one of the lot's skills and whose radius (and the lot's
     * limit) reaches it; the engine decides the rest of eligibility.
     */
    async engineInput(lot: Lot): Promise<EngineInput> {
      const [market, booked] = await Promise.all([all(), bookedInWindow(lot.startDate, lot.endDate)]);
      const skills = new Set(lot.requirements.map((r) => r.skill));
      const candidates: EngineFirm[] = [];
      for (const firm of market.values()) {
        if (!firm.capabilities.some((c) => skills.has(c.skill))) continue;
        const distance = haversineKm(lot.location, firm.location);
        if (distance > firm.serviceRadiusKm) continue;
        if (lot.maxDistanceKm !== null && distance > lot.maxDistanceKm) continue;
        candidates.push(firm);
      }
      const candidateIds = new Set(candidates.map((f) => f.id));
      return { lot: toEngineLot(lot), firms: candidates, booked: booked.filter((b) => candidateIds.has(b.smeId)) };
    },

    /**
     * Reloads the named firms (removing deleted ones) before anything is
     * recomputed for their change, and tells what they were and are; nothing
     * when the market is not loaded here (then nothing is known of before).
     */
    async refresh(smeIds: readonly string[]): Promise<FirmChange[] | undefined> {
      if (smeIds.length === 0) return [];
      if (!firms) {
        // A full load in flight may have read the firm before this change committed.
        generation += 1;
        return undefined;
      }
      const current = firms;
      const loaded = new Map((await load(smeIds)).map((firm) => [firm.id, firm]));
      return smeIds.map((smeId) => {
        const change = { smeId, before: current.get(smeId), after: loaded.get(smeId) };
        if (change.after) current.set(smeId, change.after);
        else current.delete(smeId);
        return change;
      });
    },

    invalidateAll() {
      generation += 1;
      firms = undefined;
    },
  };
}
export type MarketCache = ReturnType<typeof createMarketCache>;
