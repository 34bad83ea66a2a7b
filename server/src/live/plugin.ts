import { pushDuration } from '../infra/metrics.ts';
import fp from 'fastify-plugin';
import { servedAnswer } from '../matching/answer-cache.ts';
import { createLiveHub, type HubStats } from './hub.ts';
import socketRoutes from './socket.ts';
import { createSocketRegistry } from './socket-registry.ts';
import type { Limits } from '../settings.ts';

/** Watched lots timed at once for the push latency metric; beyond, the timings start afresh. */
const MAX_TIMED_LOTS = 10_000;

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
      snapshot: async (lotId) => (await app.matching.answer(lotId, undefined, { followed: true })).answer,
    });
    app.matching.watch((lotId) => hub.isWatched(lotId));
    // Push latency: from this instance hearing that a watched lot changed to its next answer reaching the sockets.
    const heardChanged = new Map<string, number>();
    app.onBroadcast((broadcast) => {
      if (broadcast.kind !== 'lots') return;
      // Lots that changed but never got an answer here (closed, unwatched since) must not pile up.
      if (heardChanged.size > MAX_TIMED_LOTS) heardChanged.clear();
      for (const lotId of broadcast.lotIds)
        if (hub.isWatched(lotId) && !heardChanged.has(lotId)) heardChanged.set(lotId, performance.now());
    });
    app.matching.onStored((stored) => {
      hub.relay(stored.lotId, stored.revision, () => servedAnswer(stored));
      const heard = heardChanged.get(stored.lotId);
      if (heard === undefined) return;
      heardChanged.delete(stored.lotId);
      pushDuration.observe((performance.now() - heard) / 1000);
    });
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
