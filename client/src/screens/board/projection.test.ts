import { describe, expect, it } from 'vitest';
import { haversineKm } from '@lepa/shared';
import { plotRadiusKm, project } from './projection.ts';

describe('distance plot projection', () => {
  const lot = { lat: 52.5236, lon: -1.8397 };

  it('keeps distances within a percent of the great-circle distance at lot scale', () => {
    for (const point of [
      { lat: 52.7, lon: -1.84 },
      { lat: 52.52, lon: -1.5 },
      { lat: 52.3, lon: -2.1 },
    ]) {
      const { x, y } = project(lot, point);
      expect(Math.hypot(x, y) / haversineKm(lot, point)).toBeCloseTo(1, 2);
    }
  });

  it('puts north up and east right', () => {
    const north = project(lot, { lat: 52.6, lon: lot.lon });
    const east = project(lot, { lat: lot.lat, lon: -1.7 });
    expect(north.y).toBeLessThan(0);
    expect(east.x).toBeGreaterThan(0);
  });

  it('frames the farthest member inside the next ring', () => {
    expect(plotRadiusKm(4)).toBeCloseTo(11.5);
    expect(plotRadiusKm(30)).toBeCloseTo(57.5);
    expect(plotRadiusKm(80)).toBeCloseTo(92);
  });
});
