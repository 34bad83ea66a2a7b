import { EARTH_RADIUS_KM, type LatLon } from '@lepa/shared';

/** A point in km on the map's plane: x east, y south (SVG counts downwards). */
export interface Xy {
  x: number;
  y: number;
}

/** An axis-aligned box in km on the map's plane. */
export interface Extent {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** What the screen shows: the km point at its centre and the zoom in pixels per km. */
export interface View {
  centerX: number;
  centerY: number;
  pxPerKm: number;
}

const KM_PER_DEGREE = (EARTH_RADIUS_KM * Math.PI) / 180;
/** The middle of the West Midlands: the plane's origin and the latitude its scale is true at. */
export const ORIGIN: LatLon = { lat: 52.4, lon: -1.9 };
const COS_ORIGIN = Math.cos((ORIGIN.lat * Math.PI) / 180);

/**
 * Equirectangular projection around the region's middle. Across the region's
 * hundred-odd km it is within about a percent of the great-circle distance, so a
 * reach circle of r km drawn with radius r is true enough to read at a glance.
 */
export function project(point: LatLon): Xy {
  return {
    x: (point.lon - ORIGIN.lon) * COS_ORIGIN * KM_PER_DEGREE,
    y: -(point.lat - ORIGIN.lat) * KM_PER_DEGREE,
  };
}

/** A circle of `radiusKm` around a projected point (0 for a bare point). */
export interface Disc extends Xy {
  radiusKm: number;
}

export function extentOf(discs: readonly Disc[]): Extent | null {
  if (discs.length === 0) return null;
  return {
    minX: Math.min(...discs.map((d) => d.x - d.radiusKm)),
    minY: Math.min(...discs.map((d) => d.y - d.radiusKm)),
    maxX: Math.max(...discs.map((d) => d.x + d.radiusKm)),
    maxY: Math.max(...discs.map((d) => d.y + d.radiusKm)),
  };
}

export function union(a: Extent, b: Extent | null): Extent {
  if (!b) return a;
  return {
    minX: Math.min(a.minX, b.minX),
    minY: Math.min(a.minY, b.minY),
    maxX: Math.max(a.maxX, b.maxX),
    maxY: Math.max(a.maxY, b.maxY),
  };
}

/** Grows a box about its centre so neither side is shorter than `minKm` (a lone point still shows its surroundings). */
export function atLeast(extent: Extent, minKm: number): Extent {
  const growX = Math.max(0, minKm - (extent.maxX - extent.minX)) / 2;
  const growY = Math.max(0, minKm - (extent.maxY - extent.minY)) / 2;
  return {
    minX: extent.minX - growX,
    maxX: extent.maxX + growX,
    minY: extent.minY - growY,
    maxY: extent.maxY + growY,
  };
}

/** The view that shows the whole box inside a `width`×`height` pixel screen, `paddingPx` clear on every side. */
export function fitView(extent: Extent, width: number, height: number, paddingPx: number): View {
  const spanX = Math.max(extent.maxX - extent.minX, 1e-6);
  const spanY = Math.max(extent.maxY - extent.minY, 1e-6);
  const usableX = Math.max(width - 2 * paddingPx, 1);
  const usableY = Math.max(height - 2 * paddingPx, 1);
  return {
    centerX: (extent.minX + extent.maxX) / 2,
    centerY: (extent.minY + extent.maxY) / 2,
    pxPerKm: Math.min(usableX / spanX, usableY / spanY),
  };
}

export function toScreen(view: View, width: number, height: number, point: Xy): Xy {
  return {
    x: width / 2 + (point.x - view.centerX) * view.pxPerKm,
    y: height / 2 + (point.y - view.centerY) * view.pxPerKm,
  };
}

/** Zoom limits: out to a little more than everything there is to show, in to street scale. */
export interface ZoomLimits {
  minPxPerKm: number;
  maxPxPerKm: number;
}

export function zoomBy(view: View, factor: number, limits: ZoomLimits): View {
  const pxPerKm = Math.min(limits.maxPxPerKm, Math.max(limits.minPxPerKm, view.pxPerKm * factor));
  return { ...view, pxPerKm };
}

/** Moves the view by a number of screen pixels, kept so the centre never leaves `extent`. */
export function panBy(view: View, dxPx: number, dyPx: number, extent: Extent): View {
  const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
  return {
    ...view,
    centerX: clamp(view.centerX + dxPx / view.pxPerKm, extent.minX, extent.maxX),
    centerY: clamp(view.centerY + dyPx / view.pxPerKm, extent.minY, extent.maxY),
  };
}

/** Even–odd ray casting on one ring of projected points. */
function insideRing(point: Xy, ring: readonly Xy[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (a.y > point.y !== b.y > point.y && point.x < ((b.x - a.x) * (point.y - a.y)) / (b.y - a.y) + a.x) {
      inside = !inside;
    }
  }
  return inside;
}

/** Polygons as rings of projected points: the first ring is the outline, any further ones are holes. */
export type ProjectedPolygon = readonly (readonly Xy[])[];

export function insidePolygons(point: Xy, polygons: readonly ProjectedPolygon[]): boolean {
  return polygons.some(
    (rings) => rings.length > 0 && insideRing(point, rings[0]!) && !rings.slice(1).some((h) => insideRing(point, h)),
  );
}

/** The SVG path of projected polygons on screen. */
export function pathOf(polygons: readonly ProjectedPolygon[], view: View, width: number, height: number): string {
  return polygons
    .flatMap((rings) =>
      rings.map(
        (ring) =>
          ring
            .map((p, i) => {
              const s = toScreen(view, width, height, p);
              return `${i === 0 ? 'M' : 'L'}${s.x.toFixed(1)} ${s.y.toFixed(1)}`;
            })
            .join('') + 'Z',
      ),
    )
    .join('');
}

/** The point to hang a district's name on: the centre of its largest outline's box, if that lies inside. */
export function labelPointOf(polygons: readonly ProjectedPolygon[]): Xy | null {
  const outlines = polygons.map((rings) => rings[0] ?? []).filter((ring) => ring.length > 0);
  const boxes = outlines.map((ring) => extentOf(ring.map((p) => ({ ...p, radiusKm: 0 })))!);
  let best: Extent | null = null;
  for (const box of boxes) {
    if (!best || (box.maxX - box.minX) * (box.maxY - box.minY) > (best.maxX - best.minX) * (best.maxY - best.minY)) {
      best = box;
    }
  }
  if (!best) return null;
  const centre = { x: (best.minX + best.maxX) / 2, y: (best.minY + best.maxY) / 2 };
  return insidePolygons(centre, polygons) ? centre : null;
}
