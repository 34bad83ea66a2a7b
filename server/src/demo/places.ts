import type { Location } from '@lepa/shared';
import type { Random } from './random.ts';

const KM_PER_DEGREE_LAT = 111.32;
/** Inward-code letters Royal Mail uses (never C, I, K, M, O or V). */
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** A point uniformly spread over a disc of `radiusKm` around a centre, rounded to about a metre. */
export function scatter(random: Random, lat: number, lon: number, radiusKm: number): Location {
  const distance = radiusKm * Math.sqrt(random.next());
  const bearing = random.between(0, 2 * Math.PI);
  const north = distance * Math.cos(bearing);
  const east = distance * Math.sin(bearing);
  return {
    lat: round5(lat + north / KM_PER_DEGREE_LAT),
    lon: round5(lon + east / (KM_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180))),
  };
}

/** A plausible full postcode in one of the given outward districts, e.g. "B23 6AB". */
export function postcodeIn(random: Random, districts: readonly string[]): string {
  const letter = () => INWARD_LETTERS.charAt(random.int(0, INWARD_LETTERS.length - 1));
  return `${random.pick(districts)} ${random.int(1, 9)}${letter()}${letter()}`;
}

function round5(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}
