import { DEFAULT_CERTIFICATIONS, type Certification, type CertificationScheme, type Skill } from '@lepa/shared';
import { addDays } from './dates.ts';
import type { Random } from './random.ts';

/** Share of certificates already expired or expiring before lots in the coming year end. */
const LAPSING_SHARE = 0.08;

const REFERENCE_PREFIX: Readonly<Record<CertificationScheme, string>> = {
  trustmark: 'TM',
  'pas-2030': 'PAS2030-',
  'pas-2035': 'PAS2035-',
  mcs: 'MCS-',
  niceic: 'NIC-',
  napit: 'NAP-',
  'gas-safe': 'GS-',
  chas: 'CHAS-',
  constructionline: 'CL-',
  'iso-9001': 'ISO9001-',
};

/**
 * The certificates a firm holds: what its skills need (NICEIC or NAPIT for
 * electrical work) plus extras, which larger firms hold more often because
 * public buyers ask them for CHAS, Constructionline and ISO 9001.
 */
export function certificationsFor(
  random: Random,
  skills: readonly Skill[],
  extras: readonly (readonly [CertificationScheme, number])[],
  employees: number,
  today: string,
): Certification[] {
  const schemes = new Set<CertificationScheme>();
  for (const skill of skills) {
    for (const anyOf of DEFAULT_CERTIFICATIONS[skill]) {
      if (anyOf.some((scheme) => schemes.has(scheme))) continue;
      schemes.add(
        anyOf.length === 1
          ? (anyOf[0] as CertificationScheme)
          : random.weighted(anyOf, (s) => (s === 'niceic' ? 3 : 2)),
      );
    }
  }
  const sizeFactor = employees >= 26 ? 1.8 : employees >= 10 ? 1.2 : 1;
  for (const [scheme, chance] of extras) {
    if (random.chance(Math.min(1, chance * sizeFactor))) schemes.add(scheme);
  }
  return [...schemes].map((scheme) => certificate(random, scheme, expiryDate(random, today)));
}

export function certificate(random: Random, scheme: CertificationScheme, expires: string): Certification {
  // Some firms leave the optional reference blank, as they would in the form.
  return random.chance(0.85)
    ? { scheme, reference: `${REFERENCE_PREFIX[scheme]}${random.int(100000, 999999)}`, expires }
    : { scheme, expires };
}

/** Mostly 8 to 37 months ahead (late 2027 to 2029 from the default date); a few lapse around lot time. */
function expiryDate(random: Random, today: string): string {
  return random.chance(LAPSING_SHARE) ? addDays(today, random.int(-240, 150)) : addDays(today, random.int(245, 1125));
}
