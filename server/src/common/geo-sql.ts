import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import { EARTH_RADIUS_KM, type Location } from '@lepa/shared';

type SqlNumber = AnyColumn | SQL;

/**
 * Degrees with magnitudes under 1e-9° (0.1 mm) taken as none: PostgreSQL raises an error, not zero,
 * when float8 arithmetic underflows, as squaring the sine of 1e-300° or converting 5e-324° to radians does.
 */
function tinyAsZero(degrees: SQL): SQL {
  return sql`(case when abs(${degrees}) < 1e-9 then 0::float8 else ${degrees} end)`;
}

/** Great-circle distance in km between two points in SQL, the same haversine the scoring model uses. */
export function haversineKmSql(latA: SqlNumber, lonA: SqlNumber, latB: SqlNumber, lonB: SqlNumber): SQL<number> {
  return sql<number>`(2 * ${EARTH_RADIUS_KM}::float8 * asin(sqrt(
    power(sin(radians(${tinyAsZero(sql`${latA} - ${latB}`)}) / 2), 2) +
    cos(radians(${tinyAsZero(sql`${latB}`)})) * cos(radians(${tinyAsZero(sql`${latA}`)}))
      * power(sin(radians(${tinyAsZero(sql`${lonA} - ${lonB}`)}) / 2), 2)
  )))`;
}

/** Distance from stored coordinates to a given place; parameters are cast, as PostgreSQL would infer integer from `2 * $1`. */
export function distanceKmSql(lat: AnyColumn, lon: AnyColumn, to: Location): SQL<number> {
  return haversineKmSql(lat, lon, sql`${to.lat}::float8`, sql`${to.lon}::float8`);
}

/**
 * A latitude/longitude box that contains every point within radiusKm, so an
 * index on (lat, lon) can discard most rows before the exact distance is computed.
 */
export function boundingBox(center: Location, radiusKm: number) {
  const latDelta = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI);
  const cosLat = Math.cos((center.lat * Math.PI) / 180);
  const lonDelta = cosLat < 1e-6 ? 180 : Math.min(180, latDelta / cosLat);
  return {
    minLat: center.lat - latDelta,
    maxLat: center.lat + latDelta,
    minLon: center.lon - lonDelta,
    maxLon: center.lon + lonDelta,
  };
}
