import { EARTH_RADIUS_KM } from '@lepa/shared';

export interface Point {
  lat: number;
  lon: number;
}

const KM_PER_DEGREE = (EARTH_RADIUS_KM * Math.PI) / 180;

/**
 * Equirectangular projection around the lot, in km east (x) and south (y, as
 * SVG counts downwards). Within the tens of km a lot spans it is off from the
 * great-circle distance by well under a percent: plenty for a plot, no tiles needed.
 */
export function project(center: Point, point: Point): { x: number; y: number } {
  const cosLat = Math.cos((center.lat * Math.PI) / 180);
  return {
    x: (point.lon - center.lon) * cosLat * KM_PER_DEGREE,
    y: -(point.lat - center.lat) * KM_PER_DEGREE,
  };
}

export const RINGS_KM = [10, 25, 50] as const;

/** Half the plot's width in km: the smallest ring around the farthest member, with a margin for labels. */
export function plotRadiusKm(farthestKm: number): number {
  const ring = RINGS_KM.find((radius) => radius >= farthestKm) ?? farthestKm;
  return ring * 1.15;
}
