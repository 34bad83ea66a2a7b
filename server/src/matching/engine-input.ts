import { and, eq, exists, gt, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import { bookings, consortia, smeCapabilities, smeCertifications, smes, type Executor } from '@lepa/db';
import type { Lot, Skill } from '@lepa/shared';
import type { BookedUnits, EngineFirm, EngineInput, EngineLot } from '@lepa/engine';
import { boundingBox, distanceKmSql } from '../common/geo-sql.ts';

/** The widest service radius a profile may declare (SmeInput's bound), so the prefilter box never misses a firm. */
const MAX_SERVICE_RADIUS_KM = 1000;
/**
 * The SQL distance is a prefilter; the engine decides eligibility with the
 * scoring model's own haversine. The slack keeps a firm exactly on its radius
 * from being lost to floating-point differences between the two.
 */
const PREFILTER_SLACK_KM = 0.01;
/** Consortium states whose bookings hold capacity. */
export const BOOKING_STATES = ['submitted', 'awarded'] as const;

export function toEngineLot(lot: Lot): EngineLot {
  return {
    id: lot.id,
    location: lot.location,
    startDate: lot.startDate,
    endDate: lot.endDate,
    requirements: lot.requirements,
    maxMembers: lot.maxMembers,
    maxDistanceKm: lot.maxDistanceKm,
    socialValueWeight: lot.socialValueWeight,
    travelCostPerUnitKm: lot.travelCostPerUnitKm,
    coordinationCostPerMember: lot.coordinationCostPerMember,
  };
}

/**
 * The engine's input for a lot: firms that offer one of its skills and can
 * reach it (the database does the distance cut, the engine the rest of
 * eligibility), and the units those firms already have booked in overlapping windows.
 */
export async function loadEngineInput(db: Executor, lot: Lot): Promise<EngineInput> {
  const skills = lot.requirements.map((r) => r.skill);
  const reachKm = Math.min(lot.maxDistanceKm ?? MAX_SERVICE_RADIUS_KM, MAX_SERVICE_RADIUS_KM);
  const box = boundingBox(lot.location, reachKm);
  const distance = distanceKmSql(smes.lat, smes.lon, lot.location);
  const firms = await loadFirms(
    db,
    and(
      gte(smes.lat, box.minLat),
      lte(smes.lat, box.maxLat),
      gte(smes.lon, box.minLon),
      lte(smes.lon, box.maxLon),
      lte(distance, sql`${smes.serviceRadiusKm} + ${PREFILTER_SLACK_KM}::float8`),
      lot.maxDistanceKm === null ? undefined : lte(distance, lot.maxDistanceKm + PREFILTER_SLACK_KM),
      exists(
        db
          .select({ one: sql`1` })
          .from(smeCapabilities)
          .where(and(eq(smeCapabilities.smeId, smes.id), inArray(smeCapabilities.skill, skills))),
      ),
    ),
  );
  const booked = await bookedUnits(
    db,
    firms.map((f) => f.id),
    lot.startDate,
    lot.endDate,
  );
  return { lot: toEngineLot(lot), firms, booked };
}

/**
 * The one row→engine mapping: firms (those matching `where`, or all) with their
 * capabilities and certifications, as the engine reads them.
 */
export async function loadFirms(db: Executor, where?: SQL): Promise<EngineFirm[]> {
  const rows = await db.select().from(smes).where(where);
  if (rows.length === 0) return [];
  const ids = where ? rows.map((row) => row.id) : undefined;
  const [capabilities, certifications] = await Promise.all([
    db
      .select({
        smeId: smeCapabilities.smeId,
        skill: smeCapabilities.skill,
        capacityPerMonth: smeCapabilities.capacityPerMonth,
        unitPrice: smeCapabilities.unitPrice,
      })
      .from(smeCapabilities)
      .where(ids ? inArray(smeCapabilities.smeId, ids) : undefined),
    db
      .select({ smeId: smeCertifications.smeId, scheme: smeCertifications.scheme, expires: smeCertifications.expires })
      .from(smeCertifications)
      .where(ids ? inArray(smeCertifications.smeId, ids) : undefined),
  ]);
  const capabilitiesBySme = groupBy(capabilities, (c) => c.smeId);
  const certificationsBySme = groupBy(certifications, (c) => c.smeId);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    location: { lat: row.lat, lon: row.lon },
    serviceRadiusKm: row.serviceRadiusKm,
    employees: row.employees,
    ownership: row.ownership,
    capabilities: (capabilitiesBySme.get(row.id) ?? []).map((c) => ({
      skill: c.skill,
      capacityPerMonth: c.capacityPerMonth,
      unitPrice: c.unitPrice,
    })),
    certifications: (certificationsBySme.get(row.id) ?? []).map((c) => ({ scheme: c.scheme, expires: c.expires })),
    socialValue: {
      realLivingWage: row.realLivingWage,
      apprentices: row.apprentices,
      localEmployeesPct: row.localEmployeesPct,
      charterSignatory: row.charterSignatory,
    },
  }));
}

/** Units booked by submitted or awarded bids whose windows overlap [startDate, endDate). */
export async function bookedUnits(
  db: Executor,
  smeIds: readonly string[],
  startDate: string,
  endDate: string,
): Promise<BookedUnits[]> {
  if (smeIds.length === 0) return [];
  const rows = await db
    .select({ smeId: bookings.smeId, skill: bookings.skill, units: sql<number>`sum(${bookings.units})::int` })
    .from(bookings)
    .innerJoin(consortia, eq(consortia.id, bookings.consortiumId))
    .where(
      and(
        inArray(bookings.smeId, [...smeIds]),
        inArray(consortia.status, [...BOOKING_STATES]),
        lt(bookings.startDate, endDate),
        gt(bookings.endDate, startDate),
      ),
    )
    .groupBy(bookings.smeId, bookings.skill);
  return rows.map((r) => ({ smeId: r.smeId, skill: r.skill as Skill, units: Number(r.units) }));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
