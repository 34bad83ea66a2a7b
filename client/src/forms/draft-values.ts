/**
 * Form controls hold text; the API wants numbers. A blank control becomes
 * undefined so the schema reports "is required" rather than "must be a number".
 */
export function toNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : Number.NaN;
}

export function toText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/** Optional text fields are left out of the input when blank, as the API expects. */
export function optionalText(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The body exactly as the server will receive it: JSON drops undefined
 * properties and turns NaN into null, and the schema must judge that, not the draft.
 */
export function asSent(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
