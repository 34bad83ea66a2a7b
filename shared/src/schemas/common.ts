import { Type, type Static, type TSchema } from 'typebox';

export const Id = Type.String({ format: 'uuid', description: 'A record id (UUID).' });
/** Year 0000 passes the `date` format but not PostgreSQL, so it is refused here. */
export const IsoDate = Type.String({
  format: 'date',
  pattern: '^(?!0000)',
  description: 'A calendar date, YYYY-MM-DD.',
});
export const Timestamp = Type.String({ format: 'date-time' });

export const Location = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
  },
  { additionalProperties: false },
);
export type Location = Static<typeof Location>;

/** UK postcodes are at most 8 characters with the space; the bound is loose on purpose. */
export const Postcode = Type.String({ minLength: 2, maxLength: 10, pattern: '^[A-Za-z0-9 ]+$' });

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
};

export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
}

export const ErrorCode = Type.Enum([
  'invalid_input',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'database_unavailable',
  'matching_failed',
  'matching_unavailable',
  'internal',
]);
export type ErrorCode = Static<typeof ErrorCode>;

export const FieldIssue = Type.Object({ field: Type.String(), message: Type.String() });
export type FieldIssue = Static<typeof FieldIssue>;

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: ErrorCode,
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
    /** On 5xx answers: the id of the request in the server's logs (also in the X-Request-Id header). */
    requestId: Type.Optional(Type.String()),
  }),
});
export type ErrorBody = Static<typeof ErrorBody>;

export const Ok = Type.Object({ ok: Type.Literal(true) });
