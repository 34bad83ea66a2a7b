import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { Value } from 'typebox/value';
import { ClientMessage, WS_CLOSE_UNAUTHORIZED, WS_MAX_MESSAGE_BYTES, type ServerMessage } from '@lepa/shared';
import { tokenFrom } from '../auth/plugin.ts';
import type { LiveClient, LiveHub } from './hub.ts';

export interface SocketRouteOptions {
  hub: LiveHub;
  /** How long an unauthenticated socket may wait before its `auth` message. */
  authTimeoutMs?: number;
  /** Ping interval; a peer that has not answered the previous ping is dropped. */
  heartbeatMs?: number;
}

function sendError(socket: WebSocket, message: string) {
  if (socket.readyState === socket.OPEN)
    socket.send(JSON.stringify({ type: 'error', code: 'invalid_input', message } satisfies ServerMessage));
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
  const { hub } = options;
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

  app.get('/ws', { websocket: true, schema: { hide: true } }, async (socket: WebSocket, request: FastifyRequest) => {
    const client: LiveClient = { socket, userId: null, subscriptions: new Set(), backlog: new Map(), alive: true };
    clients.add(client);
    socket.on('pong', () => {
      client.alive = true;
    });
    socket.on('close', () => {
      clients.delete(client);
      hub.disconnect(client);
    });
    socket.on('error', (error) => request.log.debug({ err: error }, 'websocket error'));

    const refuse = () => socket.close(WS_CLOSE_UNAUTHORIZED, 'unauthorized');
    const authTimer = setTimeout(() => {
      if (!client.userId) refuse();
    }, options.authTimeoutMs ?? 10_000);
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
    }

    async function handle(raw: Buffer) {
      const message = parse(raw);
      if (typeof message === 'string') return sendError(socket, message);
      if (message.type === 'auth') {
        const user = await authenticate(message.token);
        if (!user) return refuse();
        hub.identify(client, user.id);
        return socket.send(JSON.stringify({ type: 'authenticated', userId: user.id } satisfies ServerMessage));
      }
      if (!client.userId) return refuse();
      if (message.type === 'subscribe') return hub.subscribe(client, message.lotId);
      return hub.unsubscribe(client, message.lotId);
    }
  });
};

export default socketRoutes;
