import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMatchModel } from '../eligibility.ts';
import { engineInput } from '../testing/instances.ts';
import type { BookedUnits } from '../types.ts';
import { withBookings } from './booked-model.ts';

describe('withBookings', () => {
  it('derives exactly the model built from the input with the extra bookings', () => {
    fc.assert(
      fc.property(
        engineInput({ maxFirms: 8, maxSkills: 3 }).chain((input) =>
          fc.tuple(
            fc.constant(input),
            input.firms.length === 0
              ? fc.constant<BookedUnits[]>([])
              : fc.array(
                  fc.record({
                    smeId: fc.constantFrom(...input.firms.map((firm) => firm.id)),
                    skill: fc.constantFrom(...input.lot.requirements.map((requirement) => requirement.skill)),
                    units: fc.integer({ min: 1, max: 30 }),
                  }),
                  { maxLength: 6 },
                ),
          ),
        ),
        ([input, extra]) => {
          const derived = withBookings(buildMatchModel(input), extra);
          expect(derived).toEqual(buildMatchModel({ ...input, booked: [...input.booked, ...extra] }));
        },
      ),
      { numRuns: 500 },
    );
  });
});
