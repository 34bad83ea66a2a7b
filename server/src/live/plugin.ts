import fp from 'fastify-plugin';
import { createLiveHub, type HubStats } from './hub.ts';
import socketRoutes from './socket.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Counters of this instance's live board: recomputes, pushes, and recomputes that changed nothing. */
    liveStats: Readonly<HubStats>;
  }
}

/** Wires this instance's hub to the broadcasts of every instance and serves `/ws`. */
export default fp(
  async (app) => {
    const hub = createLiveHub({
      answer: async (lotId) => (await app.proposals.answer(lotId)).answer,
      log: app.log,
    });
    app.onBroadcast((broadcast) => {
      if (broadcast.kind === 'lots') {
        for (const lotId of broadcast.lotIds) app.proposals.forget(lotId);
        hub.lotsChanged(broadcast.lotIds);
      } else {
        hub.sendToUser(broadcast.userId, broadcast.message);
      }
    });
    app.decorate('liveStats', hub.stats);
    app.addHook('onClose', async () => hub.close());
    await app.register(socketRoutes, { hub });
  },
  { name: 'live', dependencies: ['changes', 'proposals', 'auth'] },
);
