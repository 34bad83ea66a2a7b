import { Type, type Static } from 'typebox';
import { CONSORTIUM_STATUSES, INVITATION_STATES } from './consortia.ts';
import { Id } from './common.ts';
import { Assignment, ProposalsAnswer } from './proposals.ts';

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

/** The lot's proposals now: at once on `subscribe`, then whenever a change could alter them (`version` only grows). */
export const ProposalsMessage = Type.Object({ type: Type.Literal('proposals'), ...ProposalsAnswer.properties });
export type ProposalsMessage = Static<typeof ProposalsMessage>;

/** A message that could not be taken (`invalid_input`), or a lot whose proposals could not be computed (`lotId` set). */
export const LiveErrorMessage = Type.Object({
  type: Type.Literal('error'),
  code: Type.String(),
  message: Type.String(),
  lotId: Type.Optional(Id),
});
export type LiveErrorMessage = Static<typeof LiveErrorMessage>;

/** The answer to an `auth` message that was accepted. */
export const AuthenticatedMessage = Type.Object({ type: Type.Literal('authenticated'), userId: Id });
export type AuthenticatedMessage = Static<typeof AuthenticatedMessage>;

/** To an invited firm's owner: a new or changed invitation, or `withdrawn` when the firm was swapped out. */
export const InvitationMessage = Type.Object({
  type: Type.Literal('invitation'),
  consortiumId: Id,
  lotId: Id,
  smeId: Id,
  invitation: Type.Enum([...INVITATION_STATES, 'withdrawn']),
  lotTitle: Type.Optional(Type.String()),
  leadSmeId: Type.Optional(Id),
  /** Absent on `withdrawn`. */
  assignments: Type.Optional(Type.Array(Assignment)),
});
export type InvitationMessage = Static<typeof InvitationMessage>;

/** To the lead's owner: a member answered its invitation. */
export const ConsortiumMessage = Type.Object({
  type: Type.Literal('consortium'),
  event: Type.Enum(['accepted', 'declined']),
  consortiumId: Id,
  lotId: Id,
  smeId: Id,
});
export type ConsortiumMessage = Static<typeof ConsortiumMessage>;

/** To the members' owners and the lot's provider: a bid was submitted, withdrawn, awarded or lost. */
export const BidMessage = Type.Object({
  type: Type.Literal('bid'),
  consortiumId: Id,
  lotId: Id,
  lotTitle: Type.String(),
  status: Type.Enum(CONSORTIUM_STATUSES),
});
export type BidMessage = Static<typeof BidMessage>;

/** At most this many firm ids in a `lot-in-reach` message. */
export const LOT_IN_REACH_FIRMS_LISTED = 50;

/**
 * To the owners of firms within reach of a lot (by the "lots near me" rule: service radius plus the
 * near-miss margin, for one of the lot's skills): it was `posted`, or `changed` and may newly concern
 * them; or, `out-of-reach`, to the owners of firms it reached before a change and no longer does (the
 * firms named are those it reached before). Its board tells the rest; a client refreshes its lists of
 * nearby and proposed lots.
 */
export const LotInReachMessage = Type.Object({
  type: Type.Literal('lot-in-reach'),
  event: Type.Enum(['posted', 'changed', 'out-of-reach']),
  lotId: Id,
  lotTitle: Type.String(),
  /**
   * The recipient's own firms within reach of the lot (for `out-of-reach`, before the change), never anyone else's: the first
   * LOT_IN_REACH_FIRMS_LISTED of them by id, so a message stays small for an owner of thousands.
   */
  smeIds: Type.Array(Id, { minItems: 1, maxItems: LOT_IN_REACH_FIRMS_LISTED }),
  /** How many of the recipient's firms reach the lot; more than `smeIds` holds when the list was cut. */
  firmsInReach: Type.Integer({ minimum: 1 }),
});
export type LotInReachMessage = Static<typeof LotInReachMessage>;

/** What the server sends to one account rather than to a lot's subscribers. */
export const PersonalMessage = Type.Union([InvitationMessage, ConsortiumMessage, BidMessage, LotInReachMessage]);
export type PersonalMessage = Static<typeof PersonalMessage>;

/** Everything the server sends on `/ws`: the hub sends these and the client receives them. */
export const ServerMessage = Type.Union([
  ProposalsMessage,
  LiveErrorMessage,
  AuthenticatedMessage,
  InvitationMessage,
  ConsortiumMessage,
  BidMessage,
  LotInReachMessage,
]);
export type ServerMessage = Static<typeof ServerMessage>;
