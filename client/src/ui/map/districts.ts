import type { LatLon } from '@lepa/shared';
import outlines from './districts.json';
import {
  extentOf,
  insidePolygons,
  labelPointOf,
  project,
  type Extent,
  type ProjectedPolygon,
  type Xy,
} from './geometry.ts';

/** A district outline, projected once when the module loads. */
export interface District {
  code: string;
  name: string;
  metropolitan: boolean;
  polygons: readonly ProjectedPolygon[];
  labelPoint: Xy | null;
}

/** Shown under every map that draws the outlines, as the data's licence asks. */
export const ATTRIBUTION =
  'Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2020';

export const DISTRICTS: readonly District[] = outlines.map((district) => {
  const polygons = district.polygons.map((rings) =>
    rings.map((ring) => ring.map(([lon, lat]) => project({ lon: lon!, lat: lat! }))),
  );
  return { ...district, polygons, labelPoint: labelPointOf(polygons) };
});

/** The box around every outline. */
export const REGION_EXTENT: Extent = extentOf(
  DISTRICTS.flatMap((d) => d.polygons.flatMap((rings) => (rings[0] ?? []).map((p) => ({ ...p, radiusKm: 0 })))),
)!;

/** The district a place lies in, or null outside the mapped districts. */
export function districtOf(location: LatLon): string | null {
  const point = project(location);
  return DISTRICTS.find((d) => insidePolygons(point, d.polygons))?.name ?? null;
}
