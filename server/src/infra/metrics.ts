import fp from 'fastify-plugin';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One registry for the process: the engine, the hub and the password queue observe into it
 * whether or not it is served (an observation is a few array writes).
 */
export const metricsRegistry = new Registry();

const SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const requestDuration = new Histogram({
  name: 'lepa_http_request_duration_seconds',
  help: 'HTTP request latency by route pattern, method and status code',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: SECONDS,
  registers: [metricsRegistry],
});
export const engineSolveDuration = new Histogram({
  name: 'lepa_engine_solve_duration_seconds',
  help: 'Time the matching engine took to solve one lot',
  buckets: SECONDS,
  registers: [metricsRegistry],
});
export const pushDuration = new Histogram({
  name: 'lepa_live_push_latency_seconds',
  help: 'From a lot being marked changed to its new proposals being handed to the sockets',
  buckets: SECONDS,
  registers: [metricsRegistry],
});
export const openSockets = new Gauge({
  name: 'lepa_live_open_sockets',
  help: 'Open /ws connections on this instance',
  labelNames: ['authenticated'] as const,
  registers: [metricsRegistry],
});
export const queueDepth = new Gauge({
  name: 'lepa_queue_depth',
  help: 'Work waiting on this instance, by queue',
  labelNames: ['queue'] as const,
  registers: [metricsRegistry],
});
export const refusals = new Counter({
  name: 'lepa_refused_total',
  help: 'Requests and sockets refused by a limit, by reason',
  labelNames: ['reason'] as const,
  registers: [metricsRegistry],
});
collectDefaultMetrics({ register: metricsRegistry, prefix: 'lepa_' });

export interface MetricsOptions {
  enabled: boolean;
  /** Where /metrics listens: never the public listener, so it need not be authenticated there. */
  host?: string;
  port?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The metrics listener's address once ready (`http://host:port`), undefined when metrics are off. */
    metricsUrl: () => string | undefined;
    /** Runs before each scrape: for figures read on demand (a queue's depth in the database). */
    beforeMetricsScrape: (update: () => Promise<void>) => void;
  }
}

/** Request latency for every route, and (LEPA_METRICS=on) a Prometheus endpoint on its own address. */
export default fp<MetricsOptions>(
  async (app, options) => {
    app.addHook('onResponse', async (request, reply) => {
      requestDuration
        .labels(request.method, request.routeOptions.url ?? 'unmatched', String(reply.statusCode))
        .observe(reply.elapsedTime / 1000);
    });

    let server: Server | undefined;
    const updates: (() => Promise<void>)[] = [];
    app.decorate('beforeMetricsScrape', (update: () => Promise<void>) => {
      if (options.enabled) updates.push(update);
    });
    app.decorate('metricsUrl', () => {
      const address = server?.address() as AddressInfo | null | undefined;
      if (!address) return undefined;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${host}:${address.port}`;
    });
    if (!options.enabled) return;

    app.addHook('onReady', async () => {
      server = createServer((request, response) => {
        if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
          response.writeHead(404).end();
          return;
        }
        Promise.all(updates.map((update) => update()))
          .then(() => metricsRegistry.metrics())
          .then(
            (text) => response.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(text),
            (error) => {
              app.log.error({ err: error }, 'collecting metrics failed');
              response.writeHead(500).end();
            },
          );
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(options.port ?? 9464, options.host ?? '127.0.0.1', () => resolve());
      });
      app.log.info(`metrics at ${app.metricsUrl()}/metrics`);
    });
    app.addHook('onClose', async () => {
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    });
  },
  { name: 'metrics' },
);
