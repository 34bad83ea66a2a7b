import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyPluginAsync } from 'fastify';

const ms = (nanoseconds: number) => Math.round(nanoseconds / 10_000) / 100;

/**
 * `LEPA_DIAGNOSTICS=on` only: this process's matching counters, its live
 * board's (web instances) and the delay of its event loop (perf_hooks), for
 * benchmarks and operators; served by matching workers too. Hidden from
 * the API documents; the counters reveal nothing about any user.
 */
const diagnosticsRoutes: FastifyPluginAsync = async (app) => {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  app.addHook('onClose', async () => delay.disable());

  app.get('/diagnostics', { schema: { hide: true } }, async () => ({
    role: app.matching.role,
    matching: app.matching.stats,
    solverThreads: [...(app.matching.poolStats?.threadIds ?? [])],
    ownedShards: app.matching.ownedShards() ?? null,
    pending: await app.matching.pending(),
    // A matching worker has no live board (no sockets): null there.
    live: app.hasDecorator('liveStats') ? app.liveStats : null,
    eventLoopDelayMs: {
      p50: ms(delay.percentile(50)),
      p99: ms(delay.percentile(99)),
      max: ms(delay.max),
      samples: delay.count,
    },
  }));

  app.post('/diagnostics/event-loop/reset', { schema: { hide: true } }, async () => {
    delay.reset();
    return { ok: true };
  });
};

export default diagnosticsRoutes;
