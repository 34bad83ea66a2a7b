import fp from 'fastify-plugin';
import type { Broadcast } from './change-event.ts';
import { createLiveHub, type HubStats } from './hub.ts';
import socketRoutes from './socket.ts';
import { createSocketRegistry } from './socket-registry.ts';
import type { Limits } from '../settings.ts';

export interface LivePluginOptions {
  limits: Pick<Limits, 'socketsPerAddress' | 'unauthenticatedSockets' | 'subscriptionsPerSocket'>;
  publicOrigin?: string | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Counters of this instance's live board: recomputes, pushes, and recomputes that changed nothing. */
    liveStats: Readonly<HubStats>;
  }
}

/** Wires this instance's hub to the broadcasts of every instance and serves `/ws`. */
export default fp<LivePluginOptions>(
  async (app, options) => {
    const hub = createLiveHub({
      answer: async (lotId) => (await app.proposals.answer(lotId)).answer,
      log: app.log,
    });
    // Broadcasts are applied in arrival order: a firm is reloaded before the lots it touches are recomputed.
    let applied = Promise.resolve();
    const apply = async (broadcast: Broadcast) => {
      if (broadcast.kind === 'user') return hub.sendToUser(broadcast.userId, broadcast.message);
      if (broadcast.kind === 'resync') {
        app.proposals.forgetEverything();
        return hub.lotsChanged(hub.watchedLots());
      }
      if (broadcast.kind !== 'lots') return;
      const changes = await app.proposals.firmsChanged(broadcast.smeIds);
      for (const lotId of broadcast.lotIds) app.proposals.forget(lotId);
      const watched = broadcast.lotIds.filter((lotId) => hub.isWatched(lotId));
      const verdicts = await Promise.all(
        watched.map((lotId) => app.proposals.canAlter(lotId, changes, hub.membersShown(lotId))),
      );
      const showingChangedFirm = watched.filter((lotId) =>
        broadcast.smeIds.some((smeId) => hub.membersShown(lotId)?.has(smeId)),
      );
      hub.lotsChanged(
        watched.filter((_lotId, index) => verdicts[index]),
        new Set(showingChangedFirm),
      );
    };
    const registry = createSocketRegistry(options.limits);
    // Not queued behind the recomputes: a revoked session's sockets close as soon as the news arrives.
    app.onBroadcast((broadcast) => {
      if (broadcast.kind === 'sessions-revoked') registry.revoke(broadcast);
    });
    app.onBroadcast((broadcast) => {
      applied = applied
        .then(() => apply(broadcast))
        .catch((error) => app.log.error({ err: error }, 'applying a change broadcast failed'));
    });
    app.decorate('liveStats', hub.stats);
    app.addHook('onClose', async () => hub.close());
    await app.register(socketRoutes, {
      hub,
      registry,
      subscriptionsPerSocket: options.limits.subscriptionsPerSocket,
      publicOrigin: options.publicOrigin,
    });
  },
  { name: 'live', dependencies: ['changes', 'proposals', 'auth'] },
);
