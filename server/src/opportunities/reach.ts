import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { lotRequirements, smeCapabilities } from '@lepa/db';
import { EARTH_RADIUS_KM } from '@lepa/shared';
import { haversineKmSql } from '../common/geo-sql.ts';
import { NEAR_MISS_EXTRA_KM } from './hints.ts';

type SqlValue = AnyColumn | SQL;

/**
 * The "lots near me" rule in SQL, for both directions (a firm's lots, a lot's firms): the lot lies
 * within the firm's service radius plus the near-miss margin and needs one of the firm's skills.
 * Whatever else decides a firm's standing (certificates, capacity, the lot's own distance limit)
 * opportunityFor works out per lot; a lot needing none of the firm's skills it never lists.
 */
export function firmReachesLotSql(
  lot: { id: SqlValue; lat: SqlValue; lon: SqlValue },
  firm: { id: SqlValue; lat: SqlValue; lon: SqlValue; serviceRadiusKm: SqlValue },
): SQL {
  const reachKm = sql`(${firm.serviceRadiusKm} + ${NEAR_MISS_EXTRA_KM}::float8)`;
  // The latitude band is a cheap first cut (no pair within reach lies outside it); the skills are
  // compared last, as two small arrays read by primary key for the pairs within reach only, rather
  // than a join of every lot's requirements with every firm's skills.
  return sql`(abs(${lot.lat} - ${firm.lat}) <= degrees(${reachKm} / ${EARTH_RADIUS_KM}::float8)
    and ${haversineKmSql(lot.lat, lot.lon, firm.lat, firm.lon)} <= ${reachKm}
    and (select array_agg(${lotRequirements.skill}) from ${lotRequirements}
        where ${lotRequirements.lotId} = ${lot.id} and ${lotRequirements.quantity} > 0)
      && (select array_agg(${smeCapabilities.skill}) from ${smeCapabilities} where ${smeCapabilities.smeId} = ${firm.id}))`;
}
