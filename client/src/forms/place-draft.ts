import type { FieldIssue, Location, LocationSource } from '@lepa/shared';
import { optionalText, toNumber, toText } from './draft-values.ts';

/** Where a firm or lot is, as typed: a postcode, and an exact point only when asked for. */
export interface PlaceDraft {
  postcode: string;
  exactPoint: boolean;
  lat: string;
  lon: string;
}

export const emptyPlaceDraft = (): PlaceDraft => ({ postcode: '', exactPoint: false, lat: '', lon: '' });

export function placeDraftOf(saved: { postcode: string | null; location: Location; locationSource: LocationSource }) {
  return {
    postcode: saved.postcode ?? '',
    exactPoint: saved.locationSource === 'exact',
    lat: toText(saved.location.lat),
    lon: toText(saved.location.lon),
  };
}

/** The body's `postcode` and `location`: the point goes only when "Set an exact point" is on (it then wins). */
export function placeInputOf(draft: PlaceDraft) {
  return {
    postcode: optionalText(draft.postcode),
    location: draft.exactPoint ? { lat: toNumber(draft.lat), lon: toNumber(draft.lon) } : undefined,
  };
}

/** The server needs one of the two; said on the postcode field, where most people start. */
export function placeIssues(draft: PlaceDraft): FieldIssue[] {
  return draft.exactPoint || draft.postcode.trim() !== ''
    ? []
    : [{ field: 'postcode', message: 'is needed, or set an exact point' }];
}
