import type { FieldIssue, Location, LocationSource } from '@lepa/shared';
import { postcodeTable } from './postcodes.ts';

/** A firm or lot body once its place is settled: where it is, and how that was known. */
export type Placed<T> = Omit<T, 'location' | 'postcode'> & {
  postcode?: string;
  location: Location;
  locationSource: LocationSource;
};

/**
 * Settles where a body is: its exact `location` when given, otherwise the
 * centre of its postcode's district. A postcode, when given, must be a real one
 * either way (a typo would otherwise sit on the record unnoticed); it is stored
 * in its usual form, "B23 6TN". Answers the body, or the problems naming fields.
 */
export function settlePlace<T extends { postcode?: string | undefined; location?: Location | undefined }>(
  input: T,
): { placed: Placed<T> } | { issues: FieldIssue[] } {
  const { postcode, location, ...rest } = input;
  let found: { postcode: string; location: Location } | undefined;
  if (postcode !== undefined) {
    const lookup = postcodeTable().lookup(postcode);
    if (lookup.status === 'malformed') {
      return { issues: [{ field: 'postcode', message: `"${postcode}" is not a UK postcode (like B23 6TN)` }] };
    }
    if (lookup.status === 'unknown') {
      return {
        issues: [{ field: 'postcode', message: `"${postcode}": no UK postcode district ${lookup.outcode} is known` }],
      };
    }
    found = { postcode: lookup.place.postcode, location: lookup.place.location };
  }
  if (location) {
    return {
      placed: { ...rest, ...(found ? { postcode: found.postcode } : {}), location, locationSource: 'exact' },
    };
  }
  if (found)
    return {
      placed: { ...rest, postcode: found.postcode, location: found.location, locationSource: 'postcode-district' },
    };
  return { issues: [{ field: 'location', message: 'is needed: give a postcode or an exact location' }] };
}
