import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { Value } from 'typebox/value';
import { ClientMessage, WS_CLOSE_UNAUTHORIZED, WS_MAX_MESSAGE_BYTES } from '@lepa/shared';
import { tokenFrom } from '../auth/plugin.ts';
import type { LiveClient, LiveHub } from './hub.ts';
import type { SocketRegistry } from './socket-registry.ts';
import { isForeignOrigin } from '../infra/request-guards.ts';
import { AppError, forbidden } from '../common/errors.ts';

export interface SocketRouteOptions {
  hub: LiveHub;
  registry: SocketRegistry;
  /** Subscriptions one socket may hold; beyond → an error frame. */
  subscriptionsPerSocket: number;
  /** LEPA_PUBLIC_URL's origin; absent = the request's own. */
  publicOrigin?: string | undefined;
  /** How long an unauthenticated socket may wait before its `auth` message. */
  authTimeoutMs: number;
  /** Ping interval; a peer that has not answered the previous ping is dropped. */
  heartbeatMs?: number;
}

function sendError(socket: WebSocket, message: string, extra: Record<string, unknown> = {}) {
  if (socket.readyState === socket.OPEN)
    socket.send(JSON.stringify({ type: 'error', code: 'invalid_input', message, ...extra }));
}

function parse(raw: Buffer): ClientMessage | string {
  if (raw.length > WS_MAX_MESSAGE_BYTES) return `Messages are limited to ${WS_MAX_MESSAGE_BYTES} bytes`;
  let data: unknown;
  try {
    data = JSON.parse(raw.toString('utf8'));
  } catch {
    return 'Messages must be JSON';
  }
  if (!Value.Check(ClientMessage, data))
    return 'Expected {"type":"auth","token"}, {"type":"subscribe","lotId"} or {"type":"unsubscribe","lotId"}';
  return data;
}

/** `/ws`: DESIGN's live protocol. Authentication by header, cookie, or a first `auth` message. */
const socketRoutes: FastifyPluginAsync<SocketRouteOptions> = async (app, options) => {
  const { hub, registry } = options;
  const clients = new Set<LiveClient>();

  const heartbeat = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) {
        client.socket.terminate();
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }, options.heartbeatMs ?? 30_000);
  app.addHook('onClose', async () => {
    clearInterval(heartbeat);
    for (const client of clients) client.socket.close(1001, 'server shutting down');
  });

  async function authenticate(token: string | undefined) {
    if (!token) return undefined;
    return app.accounts.authenticate(token).catch(() => undefined);
  }

  // Refused before the upgrade, as plain HTTP: a page of another site (it would ride on the
  // cookie), or more sockets than the limits allow.
  const admit = async (request: FastifyRequest) => {
    if (isForeignOrigin(request, options.publicOrigin))
      throw forbidden('Live connections are accepted only from Lepa’s own pages');
    const refusal = registry.admit(request.raw, request.ip);
    if (refusal) throw new AppError(429, 'rate_limited', refusal, undefined, 5);
    // Admission counts the socket at once; a connection that goes before its socket opens gives the place back.
    request.raw.socket.once('close', () => registry.abandoned(request.raw));
  };

  app.get(
    '/ws',
    { websocket: true, onRequest: admit, schema: { hide: true } },
    async (socket: WebSocket, request: FastifyRequest) => {
      const client: LiveClient = { socket, userId: null, subscriptions: new Set(), backlog: new Map(), alive: true };
      clients.add(client);
      registry.opened(client, request.raw);
      socket.on('pong', () => {
        client.alive = true;
      });
      socket.on('close', () => {
        clients.delete(client);
        registry.closed(client);
        hub.disconnect(client);
      });
      socket.on('error', (error) => request.log.debug({ err: error }, 'websocket error'));

      const refuse = () => socket.close(WS_CLOSE_UNAUTHORIZED, 'unauthorized');
      const authTimer = setTimeout(() => {
        if (!client.userId) refuse();
      }, options.authTimeoutMs);
      socket.on('close', () => clearTimeout(authTimer));

      // Messages are handled in order, and only after the header/cookie check has settled.
      let queue = identifyFromRequest();
      socket.on('message', (raw: Buffer) => {
        queue = queue
          .then(() => handle(raw))
          .catch((error) => request.log.error({ err: error }, 'websocket message failed'));
      });

      async function identifyFromRequest() {
        const headerToken = tokenFrom(request);
        if (!headerToken) return;
        const user = await authenticate(headerToken);
        if (!user) return refuse();
        hub.identify(client, user.id);
        registry.identified(client, user);
      }

      async function handle(raw: Buffer) {
        const message = parse(raw);
        if (typeof message === 'string') return sendError(socket, message);
        if (message.type === 'auth') {
          const user = await authenticate(message.token);
          if (!user) return refuse();
          hub.identify(client, user.id);
          registry.identified(client, user);
          return socket.send(JSON.stringify({ type: 'authenticated', userId: user.id }));
        }
        if (!client.userId) return refuse();
        if (message.type === 'subscribe') {
          if (!client.subscriptions.has(message.lotId) && client.subscriptions.size >= options.subscriptionsPerSocket) {
            return sendError(socket, `A connection may watch at most ${options.subscriptionsPerSocket} lots`, {
              lotId: message.lotId,
            });
          }
          // Not awaited: the subscription is taken now, in order, and its snapshot is sent when read, so a
          // lot whose answer waits for a solve does not hold up the snapshots of the lots subscribed after it.
          void hub.subscribe(client, message.lotId);
          return;
        }
        return hub.unsubscribe(client, message.lotId);
      }
    },
  );
};

export default socketRoutes;
