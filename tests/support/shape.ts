/**
 * Checks a response body against one of the TypeBox schemas in @lepa/shared.
 * TypeBox schemas are plain JSON Schema, so a small walker over the subset
 * they use (object, array, string, number, integer, boolean, null, enum,
 * const, anyOf, formats) is enough, and extra properties count as errors so
 * a response cannot leak fields its schema does not declare.
 */
type Schema = Record<string, unknown>;

const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  date: /^\d{4}-\d{2}-\d{2}$/,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export function shapeIssues(schema: Schema, value: unknown, path = '$'): string[] {
  if (Array.isArray(schema.anyOf)) {
    const options = schema.anyOf as Schema[];
    return options.some((option) => shapeIssues(option, value, path).length === 0)
      ? []
      : [`${path}: matches no alternative`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    return [`${path}: ${JSON.stringify(value)} not in enum`];
  if ('const' in schema && schema.const !== value) return [`${path}: expected ${JSON.stringify(schema.const)}`];
  const type = schema.type as string | undefined;
  if (type) {
    const actual = typeOf(value);
    const ok = type === actual || (type === 'number' && actual === 'integer');
    if (!ok) return [`${path}: expected ${type}, got ${actual}`];
  }
  if (type === 'string' && typeof schema.format === 'string') {
    const format = FORMATS[schema.format];
    if (format && !format.test(value as string)) return [`${path}: ${JSON.stringify(value)} is not a ${schema.format}`];
  }
  if (type === 'array') {
    const items = schema.items as Schema | undefined;
    return items ? (value as unknown[]).flatMap((item, i) => shapeIssues(items, item, `${path}[${i}]`)) : [];
  }
  if (type === 'object') {
    const record = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const required = (schema.required ?? []) as string[];
    const issues: string[] = [];
    for (const key of required) if (!(key in record)) issues.push(`${path}.${key}: missing`);
    for (const [key, item] of Object.entries(record)) {
      const property = properties[key];
      if (!property) issues.push(`${path}.${key}: not in the schema`);
      else if (item !== undefined) issues.push(...shapeIssues(property, item, `${path}.${key}`));
    }
    return issues;
  }
  return [];
}

/** Throws with every mismatch listed, so a failing test says what is wrong. */
export function assertShape(schema: unknown, value: unknown, what = 'response'): void {
  const issues = shapeIssues(schema as Schema, value);
  if (issues.length > 0)
    throw new Error(`${what} does not match its schema:\n  ${issues.join('\n  ')}\n${JSON.stringify(value)}`);
}
