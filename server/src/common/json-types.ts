import type { FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import type { FieldIssue } from '@lepa/shared';
import { invalidInput } from './errors.ts';

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  const?: unknown;
};

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function accepts(type: string, kind: string): boolean {
  return type === kind || ((type === 'integer' || type === 'number') && kind === 'number');
}

/** PostgreSQL text cannot hold NUL, and a lone surrogate has no UTF-8 form: both would fail in the database. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function storableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/** The first place where a JSON value has another type than the schema says (ranges, formats and the rest are left to Ajv). */
function firstTypeIssue(schema: Schema, value: unknown, path: string[]): FieldIssue | undefined {
  const kind = kindOf(value);
  if (schema.anyOf) {
    const branch = schema.anyOf.find((option) =>
      'const' in option ? option.const === value : !option.type || accepts(option.type, kind),
    );
    if (!branch) {
      const expected = schema.anyOf.map((o) => ('const' in o ? JSON.stringify(o.const) : o.type));
      return { field: path.join('.') || 'body', message: `must be ${expected.join(' or ')}` };
    }
    return firstTypeIssue(branch, value, path);
  }
  if (schema.type && !accepts(schema.type, kind))
    return { field: path.join('.') || 'body', message: `must be ${schema.type}` };
  if (kind === 'string' && !storableText(value as string)) {
    return { field: path.join('.') || 'body', message: 'must be text without NUL characters or unpaired surrogates' };
  }
  if (kind === 'object' && schema.properties) {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const property = schema.properties[key];
      const issue = property && firstTypeIssue(property, item, [...path, key]);
      if (issue) return issue;
    }
  }
  if (kind === 'array' && schema.items) {
    for (const [index, item] of (value as unknown[]).entries()) {
      const issue = firstTypeIssue(schema.items, item, [...path, String(index)]);
      if (issue) return issue;
    }
  }
  return undefined;
}

/**
 * A preValidation hook that refuses JSON values of the wrong type. Fastify's validator coerces
 * types (query strings need it), which on a JSON body would quietly turn `"8"` into 8, `null`
 * into 0 or "", an object into a one-item array and `maxDistanceKm: 0` into "no limit".
 * Strings the database cannot store are refused here too, so they answer 400, not 500.
 */
export function strictJsonTypes(schema: TSchema) {
  return async (request: FastifyRequest) => {
    const issue = firstTypeIssue(schema as Schema, request.body, []);
    if (issue) throw invalidInput([issue]);
  };
}
