import { describe, expect, it } from 'vitest';
import { consortium } from '../../test-support/fake-api.ts';
import { meanDistanceKm, sortByCost } from './bid-order.ts';

describe('bid comparison order', () => {
  const bids = [
    consortium({ id: 'b', cost: 300 }),
    consortium({ id: 'a', cost: 100 }),
    consortium({ id: 'c', cost: 300 }),
  ];

  it('sorts by cost either way, equal costs by id', () => {
    expect(sortByCost(bids, 'ascending').map((b) => b.id)).toEqual(['a', 'b', 'c']);
    expect(sortByCost(bids, 'descending').map((b) => b.id)).toEqual(['b', 'c', 'a']);
  });

  it('averages the members’ distances', () => {
    expect(meanDistanceKm(consortium())).toBe(1.5);
    expect(meanDistanceKm(consortium({ members: [] }))).toBe(0);
  });
});
