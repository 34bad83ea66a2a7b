/** Wording helpers for explanations and diagnoses, locale-independent so output is reproducible. */
import { SCHEME_LABELS, SKILL_LABELS, type CertificationScheme, type Skill } from '@lepa/shared';

/** £1,234.56 */
export function money(amount: number): string {
  const pennies = Math.round(Math.abs(amount) * 100);
  const pounds = Math.floor(pennies / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const pence = (pennies % 100).toString().padStart(2, '0');
  return `${amount < 0 && pennies > 0 ? '−' : ''}£${pounds}.${pence}`;
}

/** 12.3 km */
export function km(distance: number): string {
  return `${(Math.round(distance * 10) / 10).toFixed(1)} km`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2027-03-31 → "31 Mar 2027", as the app writes days. */
export function day(isoDate: string): string {
  const [year, month, date] = isoDate.split('-').map(Number);
  return `${date} ${MONTHS[month! - 1]} ${year}`;
}

/** The skill's label for use mid-sentence: "air source heat pump", "solar PV". */
export function skillPhrase(skill: Skill): string {
  const label = SKILL_LABELS[skill];
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** "MCS", "NICEIC or NAPIT" */
export function schemeGroupPhrase(group: readonly CertificationScheme[]): string {
  return group.map((scheme) => SCHEME_LABELS[scheme]).join(' or ');
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
