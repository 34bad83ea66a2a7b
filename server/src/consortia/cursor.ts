import { invalidInput } from '../common/errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Keyset cursors over more than one column (bids by cost then id, invitations
 * by consortium then firm): the key of the page's last row as base64url JSON.
 */
export function encodeKey(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor whose parts have the given kinds ('uuid' or 'number'); anything else is a 400. */
export function decodeKey(
  cursor: string | undefined,
  kinds: readonly ('uuid' | 'number')[],
): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid =
    Array.isArray(key) &&
    key.length === kinds.length &&
    kinds.every((kind, i) =>
      kind === 'uuid' ? typeof key[i] === 'string' && UUID.test(key[i]) : Number.isFinite(key[i]),
    );
  if (!valid) throw invalidInput([{ field: 'cursor', message: 'is not a cursor this API issued' }]);
  return key as (string | number)[];
}
