import fp from 'fastify-plugin';
import { servedAnswer } from '../matching/answer-cache.ts';
import { createLiveHub, type HubStats } from './hub.ts';
import socketRoutes from './socket.ts';
import { createSocketRegistry } from './socket-registry.ts';
import type { Limits } from '../settings.ts';

export interface LivePluginOptions {
  limits: Pick<Limits, 'socketsPerAddress' | 'unauthenticatedSockets' | 'subscriptionsPerSocket' | 'socketSignInMs'>;
  publicOrigin?: string | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Counters of this instance's live board: answers pushed, and announced answers that showed nothing new. */
    liveStats: Readonly<HubStats>;
  }
}

/** Relays the matching service's stored answers to this instance's sockets and serves `/ws`. */
export default fp<LivePluginOptions>(
  async (app, options) => {
    const hub = createLiveHub({
      snapshot: async (lotId) => (await app.matching.answer(lotId)).answer,
    });
    app.matching.watch((lotId) => hub.isWatched(lotId));
    app.matching.onStored((stored) => hub.relay(stored.lotId, stored.revision, () => servedAnswer(stored)));
    const registry = createSocketRegistry(options.limits);
    // A revoked session's sockets close as soon as the news arrives.
    app.onBroadcast((broadcast) => {
      if (broadcast.kind === 'sessions-revoked') registry.revoke(broadcast);
    });
    app.onBroadcast((broadcast) => {
      if (broadcast.kind === 'user') hub.sendToUser(broadcast.userId, broadcast.message);
    });
    app.decorate('liveStats', hub.stats);
    app.addHook('onClose', async () => hub.close());
    await app.register(socketRoutes, {
      hub,
      registry,
      subscriptionsPerSocket: options.limits.subscriptionsPerSocket,
      authTimeoutMs: options.limits.socketSignInMs,
      publicOrigin: options.publicOrigin,
    });
  },
  { name: 'live', dependencies: ['changes', 'matching', 'auth'] },
);
