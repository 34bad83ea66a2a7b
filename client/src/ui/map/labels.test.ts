import { describe, expect, it } from 'vitest';
import { overlaps, placeLabels, type Box, type LabelRequest } from './labels.ts';

const screen: Box = { x: 0, y: 0, width: 400, height: 300 };

function request(id: string, x: number, y: number, width = 80): LabelRequest {
  return { id, x, y, r: 5, width, height: 14, placement: 'around' };
}

/** A seeded generator so every run places the same crowds. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const within = (box: Box, outer: Box) =>
  box.x >= outer.x &&
  box.y >= outer.y &&
  box.x + box.width <= outer.x + outer.width &&
  box.y + box.height <= outer.y + outer.height;

describe('label placement', () => {
  it('puts a lone label to the right of its marker, touching nothing', () => {
    const [label] = placeLabels([request('a', 100, 100)], screen);
    expect(label?.box.x).toBeGreaterThan(105);
    expect(label?.box.y).toBeLessThan(100);
    expect(label!.box.y + label!.box.height).toBeGreaterThan(100);
    expect(label?.leader).toBeNull();
  });

  it('moves a label left when the right would run off the screen', () => {
    const [label] = placeLabels([request('a', 390, 100)], screen);
    expect(label!.box.x + label!.box.width).toBeLessThan(385);
  });

  it('labels a tight cluster without overlaps, using leader lines when crowded', () => {
    const cluster = [0, 1, 2, 3, 4, 5].map((i) => request(`f${i}`, 200 + (i % 3) * 4, 150 + Math.floor(i / 3) * 4, 90));
    const placed = placeLabels(cluster, screen);
    expect(placed).toHaveLength(6);
    expect(placed.some((p) => p.leader !== null)).toBe(true);
    for (const [i, a] of placed.entries()) {
      for (const b of placed.slice(i + 1)) expect(overlaps(a.box, b.box)).toBe(false);
    }
  });

  it('on random crowds: no two labels overlap, none leaves the screen or covers a marker, same input same output', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const next = random(seed);
      const requests = Array.from({ length: 3 + Math.floor(next() * 25) }, (_, i) =>
        request(`p${i}`, next() * screen.width, next() * screen.height, 30 + next() * 120),
      );
      const placed = placeLabels(requests, screen);
      expect(placeLabels(requests, screen)).toEqual(placed);
      for (const [i, a] of placed.entries()) {
        expect(within(a.box, screen)).toBe(true);
        for (const b of placed.slice(i + 1)) expect(overlaps(a.box, b.box)).toBe(false);
        for (const marker of requests) {
          const markerBox = { x: marker.x - 5, y: marker.y - 5, width: 10, height: 10 };
          expect(overlaps(a.box, markerBox)).toBe(false);
        }
      }
    }
  });

  it('leaves off a label that cannot fit anywhere rather than cutting it', () => {
    const placed = placeLabels([request('wide', 200, 150, 500)], screen);
    expect(placed).toEqual([]);
  });

  it('places centre labels only on their point', () => {
    const district: LabelRequest = { id: 'd', x: 200, y: 150, r: 0, width: 60, height: 12, placement: 'centre' };
    const [label] = placeLabels([district], screen);
    expect(label?.box).toEqual({ x: 170, y: 144, width: 60, height: 12 });
    expect(placeLabels([request('firm', 195, 150), district], screen).map((p) => p.id)).toEqual(['firm']);
  });
});
