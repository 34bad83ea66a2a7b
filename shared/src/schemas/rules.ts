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
    ...duplicateIssues(
      input.requirements.map((r) => r.skill),
      'requirements',
      'skill',
    ),
  );
  return issues;
}

export function smeInputIssues(input: SmeInput): FieldIssue[] {
  return duplicateIssues(
    input.capabilities.map((c) => c.skill),
    'capabilities',
    'skill',
  );
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
