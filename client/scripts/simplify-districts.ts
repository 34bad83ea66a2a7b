/**
 * Simplifies the district outlines in map-data/ into the small JSON the region map draws.
 * At the map's scale (a region some 100 km across on a screen) 150 m is below a pixel,
 * so the outlines look the same at a tenth of the size.
 */
import { readFileSync, writeFileSync } from 'node:fs';

type Position = [number, number];
interface SourceFeature {
  properties: { code: string; name: string; metropolitan: boolean };
  geometry: { type: 'MultiPolygon'; coordinates: Position[][][] };
}

const TOLERANCE_KM = 0.15;
const KM_PER_DEGREE = (6371.0088 * Math.PI) / 180;
const COS_LAT = Math.cos((52.4 * Math.PI) / 180);

const source = new URL('../map-data/west-midlands-districts.geojson', import.meta.url);
const target = new URL('../src/ui/map/districts.json', import.meta.url);

const toKm = ([lon, lat]: Position): Position => [lon * COS_LAT * KM_PER_DEGREE, lat * KM_PER_DEGREE];

function distanceToSegmentKm(p: Position, a: Position, b: Position): number {
  const [px, py] = toKm(p);
  const [ax, ay] = toKm(a);
  const [bx, by] = toKm(b);
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function douglasPeucker(points: readonly Position[]): Position[] {
  if (points.length <= 2) return [...points];
  const first = points[0]!;
  const last = points[points.length - 1]!;
  let farthest = 0;
  let index = 0;
  for (let i = 1; i < points.length - 1; i++) {
    const d = distanceToSegmentKm(points[i]!, first, last);
    if (d > farthest) {
      farthest = d;
      index = i;
    }
  }
  if (farthest <= TOLERANCE_KM) return [first, last];
  return [...douglasPeucker(points.slice(0, index + 1)).slice(0, -1), ...douglasPeucker(points.slice(index))];
}

/** A closed ring is split at its far point so both halves keep their shape. */
function simplifyRing(ring: readonly Position[]): Position[] {
  const half = Math.floor(ring.length / 2);
  const simplified = [...douglasPeucker(ring.slice(0, half + 1)).slice(0, -1), ...douglasPeucker(ring.slice(half))];
  return simplified.map(([lon, lat]) => [Number(lon.toFixed(4)), Number(lat.toFixed(4))]);
}

const collection = JSON.parse(readFileSync(source, 'utf8')) as { features: SourceFeature[] };
const districts = collection.features.map((feature) => ({
  code: feature.properties.code,
  name: feature.properties.name,
  metropolitan: feature.properties.metropolitan,
  // Islands of under four points vanish at this scale; the outer rings carry the shape.
  polygons: feature.geometry.coordinates
    .map((polygon) => polygon.map(simplifyRing).filter((ring) => ring.length >= 4))
    .filter((polygon) => polygon.length > 0),
}));
writeFileSync(target, `${JSON.stringify(districts)}\n`);
const points = districts.flatMap((d) => d.polygons.flat(2)).length;
console.log(`${districts.length} districts, ${points} points → ${target.pathname}`);
