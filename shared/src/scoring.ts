/**
 * The published scoring model of DESIGN.md as pure functions, so the server's
 * engine and the browser compute exactly the same numbers.
 */
import {
  DEFAULT_CERTIFICATIONS,
  EARTH_RADIUS_KM,
  type CertificationScheme,
  type Ownership,
  type Skill,
} from './vocabulary.ts';

export interface LatLon {
  lat: number;
  lon: number;
}

export interface SocialValueProfile {
  realLivingWage: boolean;
  apprentices: number;
  localEmployeesPct?: number;
  charterSignatory: boolean;
}

const DAY_MS = 86_400_000;
const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Great-circle distance in km between two points (haversine, R = 6371.0088 km). */
export function haversineKm(a: LatLon, b: LatLon): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * sv(s): 0.03 Real Living Wage + 0.03 not a subsidiary + 0.02 Charter signatory
 * + 0.02 at least one apprentice. Summed in hundredths so 0.10 is exact.
 */
export function socialValueScore(socialValue: SocialValueProfile, ownership: Ownership): number {
  const hundredths =
    (socialValue.realLivingWage ? 3 : 0) +
    (ownership !== 'subsidiary' ? 3 : 0) +
    (socialValue.charterSignatory ? 2 : 0) +
    (socialValue.apprentices >= 1 ? 2 : 0);
  return hundredths / 100;
}

function parseUtcDate(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** endDate − startDate in whole UTC days (2027-03-01 to 2027-03-31 is 30). */
export function windowDays(startDate: string, endDate: string): number {
  return Math.round((parseUtcDate(endDate) - parseUtcDate(startDate)) / DAY_MS);
}

/** A certificate counts when it expires on or after the lot's end date. */
export function certificationValid(expires: string, lotEndDate: string): boolean {
  // Real calendar dates order as their text (fixed width, year first): a model judges thousands of
  // certificates, and reading the dates as numbers cost more than the rest of the judgement.
  if (isCalendarDate(expires) && isCalendarDate(lotEndDate)) return expires >= lotEndDate;
  return parseUtcDate(expires) >= parseUtcDate(lotEndDate);
}

const DIGIT_0 = 48;
const DASH = 45;

/** YYYY-MM-DD naming a day that exists (no 2027-02-30, which Date.UTC would move to March). */
function isCalendarDate(date: string): boolean {
  if (date.length !== 10 || date.charCodeAt(4) !== DASH || date.charCodeAt(7) !== DASH) return false;
  let year = 0;
  for (let index = 0; index < 4; index++) {
    const digit = date.charCodeAt(index) - DIGIT_0;
    if (digit < 0 || digit > 9) return false;
    year = year * 10 + digit;
  }
  const month = twoDigits(date, 5);
  const day = twoDigits(date, 8);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= daysInMonth;
}

/** The number written at `at` and `at + 1`, or −1 when they are not both digits. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - DIGIT_0;
  const units = text.charCodeAt(at + 1) - DIGIT_0;
  return tens < 0 || tens > 9 || units < 0 || units > 9 ? -1 : tens * 10 + units;
}

/**
 * What a member must hold to supply `skill` on a lot: the default requirements
 * (each inner array is satisfied by any one of its schemes, e.g. niceic or
 * napit) plus every per-lot extra scheme, each required on its own.
 */
export function requiredCertifications(
  skill: Skill,
  extraSchemes: readonly CertificationScheme[] = [],
): readonly (readonly CertificationScheme[])[] {
  const groups: (readonly CertificationScheme[])[] = [...DEFAULT_CERTIFICATIONS[skill]];
  for (const scheme of extraSchemes) {
    const alreadyRequired = groups.some((group) => group.length === 1 && group[0] === scheme);
    if (!alreadyRequired) groups.push([scheme]);
  }
  return groups;
}

export interface EffectiveUnitCostInput {
  unitPrice: number;
  /** sv(s), 0..0.10 */
  socialValue: number;
  socialValueWeight: number;
  travelCostPerUnitKm: number;
  distanceKm: number;
}

/** c(s,k) = unitPrice × (1 − socialValueWeight × sv) + travelCostPerUnitKm × d. */
export function effectiveUnitCost(input: EffectiveUnitCostInput): number {
  return (
    input.unitPrice * (1 - input.socialValueWeight * input.socialValue) + input.travelCostPerUnitKm * input.distanceKm
  );
}

/** Whole pennies of a GBP amount; costs are compared on this. */
export function toPennies(amount: number): number {
  return Math.round(amount * 100);
}

/** A GBP amount rounded to the penny. */
export function roundPennies(amount: number): number {
  return toPennies(amount) / 100;
}
