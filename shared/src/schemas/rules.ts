import type { FieldIssue } from './common.ts';
import type { LotInput } from './lots.ts';
import type { SmeInput } from './smes.ts';

/**
 * Rules a JSON schema cannot say. The server answers them with a 400 and the
 * client shows them inline, so both run this one function.
 */
export function lotInputIssues(input: LotInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
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
  return [
    ...moneyIssues(input.capabilities.map((c, index) => [`capabilities.${index}.unitPrice`, c.unitPrice])),
    ...duplicateIssues(
      input.capabilities.map((c) => c.skill),
      'capabilities',
      'skill',
    ),
  ];
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
