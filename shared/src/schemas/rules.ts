import { SCHEME_LABELS } from '../vocabulary.ts';
import type { FieldIssue } from './common.ts';
import type { LotInput } from './lots.ts';
import type { SmeInput } from './smes.ts';

/**
 * Rules a JSON schema cannot say. The server answers them with a 400 and the
 * client shows them inline, so both run this one function.
 */
export function lotInputIssues(input: LotInput, options: { today?: string } = {}): FieldIssue[] {
  const issues: FieldIssue[] = [];
  // Only a new lot is held to today: an existing one may have started already.
  if (options.today && input.startDate < options.today) {
    issues.push({ field: 'startDate', message: `cannot be in the past (today is ${options.today})` });
  }
  if (input.endDate <= input.startDate) {
    issues.push({ field: 'endDate', message: 'must be after startDate' });
  }
  issues.push(
    ...moneyIssues([
      ['travelCostPerUnitKm', input.travelCostPerUnitKm],
      ['coordinationCostPerMember', input.coordinationCostPerMember],
    ]),
  );
  issues.push(
    ...duplicateIssues(
      input.requirements.map((r) => r.skill),
      'requirements',
      'skill',
    ),
  );
  return issues;
}

export function smeInputIssues(input: SmeInput): FieldIssue[] {
  const issues = [
    ...moneyIssues(input.capabilities.map((c, index) => [`capabilities.${index}.unitPrice`, c.unitPrice])),
    ...duplicateIssues(
      input.capabilities.map((c) => c.skill),
      'capabilities',
      'skill',
    ),
  ];
  input.capabilities.forEach((capability, index) => {
    if (!(capability.unitPrice > 0)) {
      issues.push({ field: `capabilities.${index}.unitPrice`, message: 'must be above zero' });
    }
  });
  if (input.socialValue.apprentices > input.employees) {
    issues.push({
      field: 'socialValue.apprentices',
      message: `cannot be more than the firm's staff (${input.employees})`,
    });
  }
  return issues;
}

/** How soon an expiring certificate is worth a warning. */
export const CERTIFICATE_WARNING_DAYS = 60;

export interface CertificateNotice {
  index: number;
  scheme: string;
  kind: 'expired' | 'expiring';
  message: string;
}

/**
 * Certificates that are expired (saved, but the firm cannot be proposed for work
 * needing them) or expire within 60 days of `today`: for the firm's page and form.
 */
export function certificateNotices(
  certifications: readonly { scheme: string; expires: string }[],
  today: string,
): CertificateNotice[] {
  const soon = addDays(today, CERTIFICATE_WARNING_DAYS);
  return certifications.flatMap((certification, index): CertificateNotice[] => {
    // The scheme's name as people write it ("PAS 2030"), never its code.
    const name = SCHEME_LABELS[certification.scheme as keyof typeof SCHEME_LABELS] ?? certification.scheme;
    if (certification.expires < today) {
      return [
        {
          index,
          scheme: certification.scheme,
          kind: 'expired',
          message: `expired: this firm cannot be proposed for work needing ${name}`,
        },
      ];
    }
    if (certification.expires <= soon) {
      return [
        {
          index,
          scheme: certification.scheme,
          kind: 'expiring',
          message: `expires within ${CERTIFICATE_WARNING_DAYS} days: renew it to stay eligible for work needing ${name}`,
        },
      ];
    }
    return [];
  });
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Whether a GBP amount is whole pennies: at most two decimals as written in
 * JSON. Read from the number's shortest decimal form (what JSON.parse read and
 * JSON.stringify writes back), because `multipleOf: 0.01` on binary floats
 * refuses 19.99 or accepts near misses depending on the validator's arithmetic.
 */
export function isWholePennies(amount: number): boolean {
  return Number.isFinite(amount) && /^-?\d+(\.\d{1,2})?$/.test(String(amount));
}

function moneyIssues(amounts: readonly (readonly [field: string, amount: number | undefined])[]): FieldIssue[] {
  return amounts
    .filter(([, amount]) => amount !== undefined && !isWholePennies(amount))
    .map(([field]) => ({ field, message: 'must be in pounds with at most two decimals (whole pennies)' }));
}

function duplicateIssues(values: readonly string[], arrayField: string, key: string): FieldIssue[] {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  values.forEach((value, index) => {
    if (seen.has(value))
      issues.push({ field: `${arrayField}.${index}.${key}`, message: `duplicate ${key} "${value}"` });
    seen.add(value);
  });
  return issues;
}
