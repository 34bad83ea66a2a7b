import type { PostcodePlace } from '@lepa/shared';
import { api } from '../api/lepa.ts';
import { ApiError } from '../api/http.ts';
import type { Slice } from './types.ts';

/** What is known of a typed postcode: looking, found, no such district, not a postcode, or not reachable now. */
export type PostcodeAnswer =
  | { status: 'loading' }
  | { status: 'found'; place: PostcodePlace }
  | { status: 'unknown' }
  | { status: 'malformed' }
  | { status: 'error' };

export interface GeoSlice {
  /** by postcode as typed, upper-cased and trimmed; postcodes do not move, so answers are kept */
  postcodes: Record<string, PostcodeAnswer>;
  lookupPostcode(postcode: string): Promise<void>;
}

export const postcodeKey = (postcode: string) => postcode.trim().toUpperCase().replace(/\s+/g, ' ');

export const createGeoSlice: Slice<GeoSlice> = (set, get) => ({
  postcodes: {},

  async lookupPostcode(postcode) {
    const key = postcodeKey(postcode);
    if (key === '' || get().postcodes[key]) return;
    const answer = (value: PostcodeAnswer) => set({ postcodes: { ...get().postcodes, [key]: value } });
    answer({ status: 'loading' });
    try {
      answer({ status: 'found', place: await api.geo.postcode(key) });
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      // A failed request is not remembered, so the next keystroke tries again.
      if (status === 404) answer({ status: 'unknown' });
      else if (status === 400) answer({ status: 'malformed' });
      else {
        const { [key]: _dropped, ...rest } = get().postcodes;
        set({ postcodes: { ...rest } });
      }
    }
  },
});
