import type { TSchema } from 'typebox';

/**
 * A response schema carrying the description /docs shows for that response (fastify-swagger's
 * `x-response-description`). A copy with the schema's own (non-enumerable) TypeBox markers, so the
 * shared schema itself is untouched and still describes the data wherever else it is used.
 */
export function described<T extends TSchema>(description: string, schema: T): T {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(schema)) as T;
  return Object.assign(copy, { 'x-response-description': description });
}
