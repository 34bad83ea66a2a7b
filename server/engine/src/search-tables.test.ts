import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { positionsByLargest } from './search-tables.ts';

/** The order by definition: largest units first, ties in position order. */
const byDefinition = (units: Float64Array) =>
  Array.from(units, (_, position) => position).sort((a, b) => units[b]! - units[a]! || a - b);

describe('positionsByLargest', () => {
  it('orders whole units largest first, ties in position order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 300 }), (values) => {
        const units = Float64Array.from(values);
        expect(positionsByLargest(units)).toEqual(byDefinition(units));
      }),
      { seed: 71, numRuns: 300 },
    );
    const large = Float64Array.from([2 ** 31 - 1, 0, 2 ** 31 - 1, 7]);
    expect(positionsByLargest(large)).toEqual([0, 2, 3, 1]);
  });

  it('orders fractional or very large units the same way', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(0.5, 1, 2.25, 3, 2 ** 31, 2 ** 40), { minLength: 1, maxLength: 100 }),
        (values) => {
          const units = Float64Array.from(values);
          expect(positionsByLargest(units)).toEqual(byDefinition(units));
        },
      ),
      { seed: 72, numRuns: 200 },
    );
  });
});
