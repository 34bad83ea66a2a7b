import { describe, expect, it } from 'vitest';
import { haversineKm } from '@lepa/shared';
import { DISTRICTS, REGION_EXTENT, districtOf } from './districts.ts';
import { atLeast, extentOf, fitView, insidePolygons, panBy, project, toScreen, union, zoomBy } from './geometry.ts';

const birmingham = { lat: 52.4797, lon: -1.9026 };
const coventry = { lat: 52.4068, lon: -1.5197 };

describe('region map geometry', () => {
  it('projects so plane distances match great-circle distances within about a percent', () => {
    const a = project(birmingham);
    const b = project(coventry);
    const plane = Math.hypot(a.x - b.x, a.y - b.y);
    expect(Math.abs(plane / haversineKm(birmingham, coventry) - 1)).toBeLessThan(0.01);
    // East is +x, north is −y (SVG counts downwards).
    expect(b.x).toBeGreaterThan(a.x);
    expect(b.y).toBeGreaterThan(a.y);
  });

  it('extends the extent to reach circles and to points outside the region', () => {
    const region = { minX: -50, minY: -50, maxX: 50, maxY: 50 };
    const london = project({ lat: 51.5072, lon: -0.1276 });
    const extent = union(region, extentOf([{ ...london, radiusKm: 10 }]));
    expect(extent.maxX).toBeCloseTo(london.x + 10);
    expect(extent.maxY).toBeCloseTo(london.y + 10);
    expect(extent.minX).toBe(-50);
    expect(extentOf([])).toBeNull();
  });

  it('fits a box into the screen with padding, and maps its corners inside', () => {
    const extent = atLeast({ minX: 0, minY: 0, maxX: 10, maxY: 40 }, 20);
    expect(extent.maxX - extent.minX).toBe(20);
    const view = fitView(extent, 400, 300, 20);
    for (const corner of [
      { x: extent.minX, y: extent.minY },
      { x: extent.maxX, y: extent.maxY },
    ]) {
      const s = toScreen(view, 400, 300, corner);
      expect(s.x).toBeGreaterThanOrEqual(19.99);
      expect(s.x).toBeLessThanOrEqual(380.01);
      expect(s.y).toBeGreaterThanOrEqual(19.99);
      expect(s.y).toBeLessThanOrEqual(280.01);
    }
  });

  it('zooms within limits and pans without leaving the extent', () => {
    const view = { centerX: 0, centerY: 0, pxPerKm: 4 };
    const limits = { minPxPerKm: 2, maxPxPerKm: 8 };
    expect(zoomBy(view, 10, limits).pxPerKm).toBe(8);
    expect(zoomBy(view, 0.01, limits).pxPerKm).toBe(2);
    const moved = panBy(view, 400, -40, { minX: -30, minY: -30, maxX: 30, maxY: 30 });
    expect(moved.centerX).toBe(30);
    expect(moved.centerY).toBe(-10);
  });

  it('tells inside from outside a polygon with a hole', () => {
    const square = (size: number) => [
      { x: -size, y: -size },
      { x: size, y: -size },
      { x: size, y: size },
      { x: -size, y: size },
    ];
    const ring = [[square(10), square(2)]];
    expect(insidePolygons({ x: 5, y: 5 }, ring)).toBe(true);
    expect(insidePolygons({ x: 0, y: 0 }, ring)).toBe(false);
    expect(insidePolygons({ x: 11, y: 0 }, ring)).toBe(false);
  });
});

describe('shipped district outlines', () => {
  it('holds the twenty districts and places towns in the right one', () => {
    expect(DISTRICTS).toHaveLength(20);
    expect(districtOf(birmingham)).toBe('Birmingham');
    expect(districtOf(coventry)).toBe('Coventry');
    expect(districtOf({ lat: 51.5072, lon: -0.1276 })).toBeNull();
    expect(REGION_EXTENT.maxX - REGION_EXTENT.minX).toBeGreaterThan(90);
    expect(DISTRICTS.filter((d) => d.labelPoint).length).toBeGreaterThan(15);
  });
});
