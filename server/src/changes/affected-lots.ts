import { and, eq, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { lotRequirements, lots, smeCapabilities, smes, type Executor } from '@lepa/db';
import { EARTH_RADIUS_KM } from '@lepa/shared';
import { boundingBox, distanceKmSql, haversineKmSql } from '../common/geo-sql.ts';
import type { ChangeEvent, FirmFootprint } from './change-event.ts';

/** Open lots a firm with this footprint can reach that need one of its skills. */
function reachableBy(footprint: FirmFootprint): SQL {
  const firm = { lat: footprint.lat, lon: footprint.lon };
  const box = boundingBox(firm, footprint.serviceRadiusKm);
  return sql`(${lots.lat} between ${box.minLat} and ${box.maxLat}
    and ${lots.lon} between ${box.minLon} and ${box.maxLon}
    and ${distanceKmSql(lots.lat, lots.lon, firm)} <= ${footprint.serviceRadiusKm}::float8
    and exists (select 1 from ${lotRequirements} where ${lotRequirements.lotId} = ${lots.id}
      and ${inArray(lotRequirements.skill, footprint.skills)}))`;
}

/** Open lots in an overlapping window within reach of one of the booked firms, for one of its skills. */
function bookedFirmsReach(smeIds: string[]): SQL {
  return sql`exists (select 1 from ${smes}
    join ${smeCapabilities} on ${smeCapabilities.smeId} = ${smes.id}
    join ${lotRequirements} on ${lotRequirements.lotId} = ${lots.id} and ${lotRequirements.skill} = ${smeCapabilities.skill}
    where ${inArray(smes.id, smeIds)}
      and ${haversineKmSql(lots.lat, lots.lon, smes.lat, smes.lon)} <= ${smes.serviceRadiusKm})`;
}

/**
 * Bumps the revision of every lot whose proposals the change could alter and
 * returns their ids (all of them, bumped here or by a concurrent change). Over-approximates on purpose (a firm within reach may
 * still lose to others); missing a lot would leave a board stale. For changes already committed.
 */
export async function bumpAffectedLots(db: Executor, event: ChangeEvent): Promise<string[]> {
  let condition: SQL | undefined;
  if (event.type === 'lot') {
    condition = eq(lots.id, event.lotId);
  } else if (event.type === 'sme') {
    const footprints = [event.before, event.after].filter((f): f is FirmFootprint => f !== null && f.skills.length > 0);
    if (footprints.length === 0) return [];
    condition = and(eq(lots.status, 'open'), sql.join(footprints.map(reachableBy), sql` or `));
  } else {
    if (event.smeIds.length === 0) return [];
    condition = and(
      eq(lots.status, 'open'),
      lt(lots.startDate, event.endDate),
      gt(lots.endDate, event.startDate),
      bookedFirmsReach(event.smeIds),
    );
  }
  const affected = await db.select({ id: lots.id }).from(lots).where(condition);
  if (affected.length === 0) return [];
  const ids = affected.map((r) => r.id);
  await bumpLots(db, ids);
  return ids;
}

/**
 * Bumps these lots after the change that affects them has committed. A lot row
 * locked here belongs to a concurrent bump that commits after this change did,
 * so its broadcast already covers this change: skipping it keeps writers of
 * different firms from queueing on the same lot rows.
 */
export async function bumpLots(db: Executor, lotIds: readonly string[]): Promise<void> {
  if (lotIds.length === 0) return;
  // One array parameter, so the statement's text (and its prepared plan) is the same for any number of lots.
  await db.execute(sql`update ${lots} set revision = revision + 1 where id in (
    select id from ${lots} where id = any(${`{${lotIds.join(',')}}`}::uuid[]) for update skip locked)`);
}

/**
 * Two CTEs for a firm's own write statement, given a CTE `firm_footprints (lat, lon,
 * service_radius_km, skills)` holding the firm before and after the write:
 * `affected_lots`, every open lot either footprint can reach for one of its
 * skills (the over-approximation of bumpAffectedLots), and `bumped_lots`, those
 * whose revision this statement grew. Lots locked by a concurrent writer are
 * skipped rather than waited for, so writers of different firms never queue
 * on lot rows inside their transactions; the caller bumps the skipped ones
 * again once its own change has committed (bumpLots).
 */
export const lotsBumpedByFirmFootprints = sql`affected_lots as (
    select l.id from lots l
    where l.status = 'open' and exists (
      select 1 from firm_footprints f
      where cardinality(f.skills) > 0
        and abs(l.lat - f.lat) <= degrees(f.service_radius_km / ${EARTH_RADIUS_KM}::float8)
        and ${haversineKmSql(sql.raw('l.lat'), sql.raw('l.lon'), sql.raw('f.lat'), sql.raw('f.lon'))} <= f.service_radius_km
        and exists (select 1 from lot_requirements r where r.lot_id = l.id and r.skill = any(f.skills)))
  ),
  bumped_lots as (
    update lots set revision = revision + 1
    where id in (select id from lots where id in (select id from affected_lots) for update skip locked)
    returning id
  )`;
