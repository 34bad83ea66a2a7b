import { Type, type Static } from 'typebox';
import { Id } from './common.ts';

/** What a browser or tool may send on `/ws`. */
export const ClientMessage = Type.Union([
  Type.Object(
    { type: Type.Literal('auth'), token: Type.String({ minLength: 1, maxLength: 200 }) },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('subscribe'), lotId: Id }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('unsubscribe'), lotId: Id }, { additionalProperties: false }),
]);
export type ClientMessage = Static<typeof ClientMessage>;

/** Close code for a refused or missing authentication. */
export const WS_CLOSE_UNAUTHORIZED = 4401;
/** Frames larger than this are answered with an error frame and ignored. */
export const WS_MAX_MESSAGE_BYTES = 16 * 1024;
