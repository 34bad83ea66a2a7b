import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import { EARTH_RADIUS_KM, type Location } from '@lepa/shared';

/** Great-circle distance in km computed in SQL, the same haversine the scoring model uses. */
export function distanceKmSql(lat: AnyColumn, lon: AnyColumn, to: Location): SQL<number> {
  // Parameters are cast: PostgreSQL would otherwise infer integer from `2 * $1`.
  const toLat = sql`${to.lat}::float8`;
  const toLon = sql`${to.lon}::float8`;
  return sql<number>`(2 * ${EARTH_RADIUS_KM}::float8 * asin(sqrt(
    power(sin(radians(${lat} - ${toLat}) / 2), 2) +
    cos(radians(${toLat})) * cos(radians(${lat})) * power(sin(radians(${lon} - ${toLon}) / 2), 2)
  )))`;
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
