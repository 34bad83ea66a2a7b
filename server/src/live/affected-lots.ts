import { and, eq, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { lotRequirements, lots, smeCapabilities, smes, type Executor } from '@lepa/db';
import { boundingBox, distanceKmSql, haversineKmSql } from '../common/geo-sql.ts';
import type { ChangeEvent, FirmFootprint } from '../changes/change-event.ts';

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
 * still lose to others); missing a lot would leave a board stale.
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
  // A lot row locked here belongs to a concurrent bump that commits after this
  // change did, so its broadcast already covers this change: skipping it keeps
  // writers of different firms from queueing on the same lot rows.
  await db.execute(sql`update ${lots} set revision = revision + 1 where id in (
    select id from ${lots} where ${inArray(lots.id, ids)} for update skip locked)`);
  return ids;
}
