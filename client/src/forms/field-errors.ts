import type { FieldIssue } from '@lepa/shared';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { ApiError, messageOf } from '../api/http.ts';
import { plainSentence, plainServerMessage } from './plain-words.ts';

/** Messages keyed by the API's field paths (`capabilities.1.skill`), so server and client errors land on the same control. */
export type FieldErrors = Readonly<Record<string, string>>;

export type SaveResult<T> = { ok: true; value: T } | { ok: false; message: string; fieldErrors: FieldErrors };

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

/** TypeBox's wording is written for developers; these read better beside a form control. */
function humanize(error: SchemaError, path: string): string {
  const limit = typeof error.params.limit === 'number' ? error.params.limit : undefined;
  const format = typeof error.params.format === 'string' ? error.params.format : undefined;
  const plain = plainSentence(path, { keyword: error.keyword, limit, format });
  if (plain) return plain;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'minLength':
      return error.params.limit === 1 ? 'is required' : `must be at least ${String(error.params.limit)} characters`;
    case 'maxLength':
      return `must be at most ${String(error.params.limit)} characters`;
    case 'minItems':
      return `needs at least ${String(error.params.limit)}`;
    case 'enum':
      return 'must be one of the options';
    case 'format':
      return error.params.format === 'date' ? 'must be a date' : `must be a valid ${String(error.params.format)}`;
    case 'pattern':
      return 'contains characters that are not allowed';
    case 'type':
      return error.params.type === 'integer' ? 'must be a whole number' : `must be a ${String(error.params.type)}`;
    default:
      return error.message;
  }
}

/** Every schema violation as a field issue; a missing property is reported on that property, not its parent. */
export function schemaIssues(schema: TSchema, value: unknown): FieldIssue[] {
  const errors = Value.Errors(schema, value) as unknown as SchemaError[];
  return errors.flatMap((error) => {
    const parent = error.instancePath.split('/').filter(Boolean);
    const missing = error.params.requiredProperties;
    if (error.keyword === 'required' && Array.isArray(missing)) {
      return missing.map((name) => ({ field: [...parent, String(name)].join('.'), message: 'is required' }));
    }
    // A union (maxDistanceKm: number | null) reports each branch; the first is the one worth showing.
    if (error.keyword === 'anyOf') return [];
    // An untouched select or date is a missing answer, not a wrong one.
    const message = valueAt(value, parent) === '' ? 'is required' : humanize(error, parent.join('.'));
    return [{ field: parent.join('.') || 'form', message }];
  });
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>(
    (node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined),
    value,
  );
}

/** The first message per field wins: one clear message beats a list. */
export function toFieldErrors(issues: readonly FieldIssue[]): FieldErrors {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[issue.field] ??= issue.message;
  return errors;
}

export function failure(error: unknown): { ok: false; message: string; fieldErrors: FieldErrors } {
  const fieldErrors =
    error instanceof ApiError
      ? toFieldErrors(
          error.issues.map((issue) => ({ ...issue, message: plainServerMessage(issue.field, issue.message) })),
        )
      : {};
  const message =
    error instanceof ApiError && error.status === 400 && Object.keys(fieldErrors).length > 0
      ? 'Some fields need attention.'
      : messageOf(error);
  return { ok: false, message, fieldErrors };
}
