import { readFileSync } from 'node:fs';
import type { PostcodePlace } from '@lepa/shared';
import { AREA_NAMES } from './areas.ts';

/**
 * A UK postcode: outward code (area letters, district digit(s), optional letter
 * or digit), then optionally the inward code (digit, two letters). The outward
 * code alone is accepted too: it is all the lookup uses.
 */
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)(?:\s*([0-9][A-Z]{2}))?$/;

export type PostcodeLookup =
  { status: 'found'; place: PostcodePlace } | { status: 'malformed' } | { status: 'unknown'; outcode: string };

interface OutcodeRow {
  lat: number;
  lon: number;
  district: string;
}

/** "b23 6tn" → { postcode: "B23 6TN", outcode: "B23" }; null when it is not shaped like a postcode. */
export function parsePostcode(text: string): { postcode: string; outcode: string } | null {
  const match = POSTCODE.exec(text.trim().toUpperCase().replace(/\s+/g, ' '));
  if (!match) return null;
  const [, outcode, inward] = match;
  return { postcode: inward ? `${outcode} ${inward}` : outcode!, outcode: outcode! };
}

export function createPostcodeTable(csv: string) {
  const rows = new Map<string, OutcodeRow>();
  for (const line of csv.split(/\r?\n/).slice(1)) {
    const [outcode, lat, lon, district] = line.split(',');
    if (outcode && lat && lon && district) rows.set(outcode, { lat: Number(lat), lon: Number(lon), district });
  }
  return {
    size: rows.size,
    lookup(text: string): PostcodeLookup {
      const parsed = parsePostcode(text);
      if (!parsed) return { status: 'malformed' };
      const row = rows.get(parsed.outcode);
      if (!row) return { status: 'unknown', outcode: parsed.outcode };
      return {
        status: 'found',
        place: {
          ...parsed,
          location: { lat: row.lat, lon: row.lon },
          district: row.district,
          area: AREA_NAMES[parsed.outcode] ?? null,
        },
      };
    },
  };
}
export type PostcodeTable = ReturnType<typeof createPostcodeTable>;

let shipped: PostcodeTable | undefined;

/** The table shipped beside this file (README.md there says what it is and how precise), read once. */
export function postcodeTable(): PostcodeTable {
  shipped ??= createPostcodeTable(readFileSync(new URL('./outcodes.csv', import.meta.url), 'utf8'));
  return shipped;
}
