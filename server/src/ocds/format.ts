/**
 * How a Lepa lot is written in OCDS 1.1 (one release, one tender lot), and the
 * Lepa fields OCDS has no place for. Those travel under `x_lepa` on the lot
 * and `x_lepaCertifications` on items (OCDS allows additional fields; `x_`
 * marks them as ours), so an export imports back to an equivalent lot.
 */
import type { CertificationScheme, LotStatus } from '@lepa/shared';

/** Not a registered prefix: a deployment publishing to a portal registers its own with the Open Contracting Partnership. */
export const OCID_PREFIX = 'ocds-lepa00';
/** Lepa lots are exported as the single lot of their tender. */
export const LOT_REF = '1';
export const OCDS_EXTENSIONS = [
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_location_extension/v1.1.5/extension.json',
];

export const TENDER_STATUS: Readonly<Record<LotStatus, 'active' | 'cancelled' | 'complete'>> = {
  open: 'active',
  closed: 'cancelled',
  awarded: 'complete',
};

/** The lot parameters of the scoring model, and what OCDS cannot say about the place and size. */
export interface LepaLotFields {
  homes?: number;
  postcode?: string | null;
  location?: { lat: number; lon: number };
  maxMembers?: number;
  maxDistanceKm?: number | null;
  socialValueWeight?: number;
  travelCostPerUnitKm?: number;
  coordinationCostPerMember?: number;
}

export interface LepaItemFields {
  x_lepaCertifications?: CertificationScheme[];
}

/** Lepa windows are [startDate, endDate): the period ends at midnight starting endDate, UTC. */
export const toDateTime = (date: string) => `${date}T00:00:00Z`;
