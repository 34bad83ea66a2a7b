/**
 * The websocket protocol as an AsyncAPI 3 document (/docs/asyncapi.json), built from the same
 * TypeBox schemas the socket validates with (ClientMessage) and the hub sends (ServerMessage).
 */
import {
  AuthenticatedMessage,
  BidMessage,
  ClientMessage,
  ConsortiumMessage,
  InvitationMessage,
  LiveErrorMessage,
  LotInReachMessage,
  ProposalsMessage,
  WS_CLOSE_UNAUTHORIZED,
  WS_MAX_MESSAGE_BYTES,
} from '@lepa/shared';
import type { TSchema } from 'typebox';

const [AuthMessage, SubscribeMessage, UnsubscribeMessage] = ClientMessage.anyOf;

interface MessageSpec {
  schema: TSchema;
  summary: string;
}

/** Messages a client sends, by name. */
const FROM_CLIENT: Record<string, MessageSpec> = {
  auth: {
    schema: AuthMessage,
    summary: 'Authenticates the connection with a bearer token (when no cookie or Authorization header did).',
  },
  subscribe: {
    schema: SubscribeMessage,
    summary: 'Watch a lot: the server answers at once with its proposals, then with every change.',
  },
  unsubscribe: { schema: UnsubscribeMessage, summary: 'Stop watching a lot.' },
};

/** Messages the server sends, by name: every member of ServerMessage. */
const FROM_SERVER: Record<string, MessageSpec> = {
  proposals: {
    schema: ProposalsMessage,
    summary: "A lot's proposals: at once on subscribe, then whenever they may have changed (version only grows).",
  },
  error: {
    schema: LiveErrorMessage,
    summary: 'A message that was not understood, or a lot whose proposals could not be computed (lotId set).',
  },
  authenticated: { schema: AuthenticatedMessage, summary: 'The auth message was accepted.' },
  invitation: {
    schema: InvitationMessage,
    summary: "To an invited firm's owner: a new, changed or withdrawn invitation.",
  },
  consortium: { schema: ConsortiumMessage, summary: "To the lead's owner: a member accepted or declined." },
  bid: {
    schema: BidMessage,
    summary: "To the members' owners and the lot's provider: a bid was submitted, withdrawn, awarded or lost.",
  },
  'lot-in-reach': {
    schema: LotInReachMessage,
    summary:
      "To the owners of firms within reach of a lot (service radius plus the near-miss margin, for one of its skills): it was posted, or changed and may newly concern them; out-of-reach to owners whose firms it reached before a change and no longer does. smeIds are the owner's own firms (at most 50; firmsInReach counts them all).",
  },
};

/** A plain JSON copy of a schema (TypeBox keeps its markers off the JSON). */
const payload = (schema: TSchema): unknown => JSON.parse(JSON.stringify(schema));

const messageRefs = (names: string[]) => names.map((name) => ({ $ref: `#/channels/live/messages/${name}` }));

export function asyncApiDocument(host: string) {
  const all = { ...FROM_CLIENT, ...FROM_SERVER };
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Lepa live updates',
      version: '0.1.0',
      description: [
        'The websocket at `/ws`. Authenticate with the session cookie, an `Authorization: Bearer` header, or (browsers',
        `cannot set headers on a websocket) a first \`auth\` message; a refusal closes the socket with code ${WS_CLOSE_UNAUTHORIZED}.`,
        'Then `subscribe` to lots. On reconnect, subscribe again: each subscription is answered with a fresh snapshot, so',
        `nothing is missed. Frames larger than ${WS_MAX_MESSAGE_BYTES} bytes are answered with an \`error\` and ignored.`,
      ].join(' '),
    },
    servers: {
      lepa: { host, protocol: 'ws', pathname: '/ws', description: 'This Lepa server (wss behind TLS)' },
    },
    defaultContentType: 'application/json',
    channels: {
      live: {
        address: '/ws',
        title: 'Live board and personal messages',
        messages: Object.fromEntries(
          Object.entries(all).map(([name, { schema, summary }]) => [
            name,
            { name, title: name, summary, contentType: 'application/json', payload: payload(schema) },
          ]),
        ),
      },
    },
    operations: {
      sendClientMessages: {
        action: 'receive',
        title: 'Messages from the client',
        summary: 'What a browser or tool sends: auth, subscribe, unsubscribe.',
        channel: { $ref: '#/channels/live' },
        messages: messageRefs(Object.keys(FROM_CLIENT)),
      },
      receiveServerMessages: {
        action: 'send',
        title: 'Messages from the server',
        summary:
          "Lot proposals to a lot's subscribers; invitations, answers, bid news and lots newly in or out of reach to the accounts they concern.",
        channel: { $ref: '#/channels/live' },
        messages: messageRefs(Object.keys(FROM_SERVER)),
      },
    },
  };
}
