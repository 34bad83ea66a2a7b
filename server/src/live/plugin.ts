import fp from 'fastify-plugin';
import { servedAnswer } from '../matching/answer-cache.ts';
import { createLiveHub, type HubStats } from './hub.ts';
import socketRoutes from './socket.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Counters of this instance's live board: answers pushed, and announced answers that showed nothing new. */
    liveStats: Readonly<HubStats>;
  }
}

/** Relays the matching service's stored answers to this instance's sockets and serves `/ws`. */
export default fp(
  async (app) => {
    const hub = createLiveHub({
      snapshot: async (lotId) => (await app.matching.answer(lotId)).answer,
    });
    app.matching.watch((lotId) => hub.isWatched(lotId));
    app.matching.onStored((stored) => hub.relay(stored.lotId, stored.revision, () => servedAnswer(stored)));
    app.onBroadcast((broadcast) => {
      if (broadcast.kind === 'user') hub.sendToUser(broadcast.userId, broadcast.message);
    });
    app.decorate('liveStats', hub.stats);
    app.addHook('onClose', async () => hub.close());
    await app.register(socketRoutes, { hub });
  },
  { name: 'live', dependencies: ['changes', 'matching', 'auth'] },
);
