import Fastify, { type FastifyServerOptions } from 'fastify';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import database from './infra/database.ts';
import errorHandler from './infra/error-handler.ts';
import docs from './infra/docs.ts';
import securityHeaders from './infra/security-headers.ts';
import requestGuards from './infra/request-guards.ts';
import metrics, { type MetricsOptions } from './infra/metrics.ts';
import { DEFAULT_LIMITS, type Limits } from './settings.ts';
import client from './infra/client.ts';
import notFound from './infra/not-found.ts';
import auth from './auth/plugin.ts';
import changes from './changes/plugin.ts';
import authRoutes from './auth/routes.ts';
import smeRoutes from './smes/routes.ts';
import lotRoutes from './lots/routes.ts';
import matching, { type MatchingOptions } from './matching/plugin.ts';
import proposalRoutes from './proposals/routes.ts';
import live from './live/plugin.ts';
import healthRoutes from './health.ts';
import diagnosticsRoutes from './matching/diagnostics.ts';
import consortiumRoutes from './consortia/routes.ts';
import ocdsRoutes from './ocds/routes.ts';
import csvRoutes from './csv/routes.ts';
import geoRoutes from './geo/routes.ts';
import opportunityRoutes from './opportunities/routes.ts';
import programmeRoutes from './programmes/routes.ts';
import mail, { type MailOptions } from './mail/plugin.ts';
import { preferenceRoutes, unsubscribeRoutes } from './mail/routes.ts';
import passwordResetRoutes from './auth/password-reset-routes.ts';
import demoSignInRoutes from './demo/sign-ins.ts';
import awardRoutes from './consortia/award-routes.ts';

export interface AppOptions {
  databaseUrl?: string | undefined;
  /** PGlite folder, or `memory`. */
  dataDir: string;
  logger?: FastifyServerOptions['logger'];
  /** Login/register attempts per client and minute (default 10). */
  authAttemptsPerMinute?: number;
  /** Built browser client to serve at `/` (default client/dist of this repository). */
  clientRoot?: string;
  /** LEPA_PUBLIC_URL: its origin is the only one allowed to change things with the cookie; https turns on Secure cookies and HSTS. */
  publicUrl?: string | undefined;
  /** LEPA_TRUST_PROXY: addresses or CIDR ranges whose X-Forwarded-* headers are believed. */
  trustProxy?: string | undefined;
  /** Request, socket and database bounds (defaults in settings.ts). */
  limits?: Partial<Limits>;
  /** Prometheus metrics on their own listener; absent = off. */
  metrics?: MetricsOptions | undefined;
  /** Mail delivery; by default mail is logged with links to http://127.0.0.1:3000. */
  mail?: MailOptions;
  /** LEPA_DEMO_DATA: lists the demo's showcase sign-ins at /api/demo/sign-ins. */
  demoSignIns?: boolean;
  /** The matching service: role (web, worker or all) and its tuning; the database URL is taken from above. */
  matching?: Omit<MatchingOptions, 'databaseUrl'>;
  /** Serve /api/diagnostics (matching counters, event-loop delay); off by default. */
  diagnostics?: boolean;
}

const defaultMail: MailOptions = { from: 'Lepa <lepa@localhost>', publicUrl: 'http://127.0.0.1:3000' };

const defaultClientRoot = fileURLToPath(new URL('../../client/dist', import.meta.url));

/** What a matching worker (`LEPA_ROLE=worker`) is built from; the web app's other options do not apply to it. */
export type WorkerOptions = Pick<
  AppOptions,
  'databaseUrl' | 'dataDir' | 'logger' | 'trustProxy' | 'limits' | 'metrics' | 'matching' | 'diagnostics'
>;

/**
 * The one place that decides what a process runs, by its role: a matching
 * worker builds only what solving needs (`buildWorker`); `web` and `all` build
 * the whole app, `web` with a matching service that only relays answers.
 */
export async function buildApp(options: AppOptions): Promise<App> {
  return options.matching?.role === 'worker' ? buildWorker(options) : buildWebApp(options);
}

function createServer(options: WorkerOptions, limits: Limits) {
  return Fastify({
    logger: options.logger ?? false,
    // Only a named proxy is believed: trusting any client would let it forge its address past the rate limits.
    trustProxy: options.trustProxy ?? false,
    genReqId: () => randomUUID(),
    requestTimeout: limits.requestTimeoutMs,
    // Node checks request and header deadlines on this interval (30 s by default).
    http: { headersTimeout: limits.headersTimeoutMs, connectionsCheckingInterval: 1000 },
    bodyLimit: 1024 * 1024,
    // Opening PGlite and migrating can take longer than Fastify's 10 s default on a busy machine.
    pluginTimeout: 120_000,
    ajv: { customOptions: { removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
}

export type App = ReturnType<typeof createServer>;

function registerDatabase(app: App, options: WorkerOptions, limits: Limits) {
  return app.register(database, {
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    connectTimeoutMs: limits.databaseConnectTimeoutMs,
    statementTimeoutMs: limits.databaseStatementTimeoutMs,
  });
}

/** What operators and benchmarks ask every process, worker or web: health, and diagnostics when on. */
async function operationalRoutes(api: App, options: WorkerOptions) {
  await api.register(healthRoutes);
  if (options.diagnostics) await api.register(diagnosticsRoutes);
}

/** The API, the live board and the browser client (`LEPA_ROLE=web` or `all`). */
async function buildWebApp(options: AppOptions): Promise<App> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const publicUrl = options.publicUrl ? new URL(options.publicUrl) : undefined;
  const app = createServer(options, limits);

  // Infrastructure first, then the services the routes share, then the routes.
  await app.register(errorHandler);
  await app.register(metrics, options.metrics ?? { enabled: false });
  await app.register(securityHeaders, { https: publicUrl?.protocol === 'https:' });
  await app.register(requestGuards, { publicOrigin: publicUrl?.origin });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(docs);
  await registerDatabase(app, options, limits);

  await app.register(changes);
  await app.register(auth, { securePublicUrl: publicUrl?.protocol === 'https:', limits });
  await app.register(mail, options.mail ?? defaultMail);
  await app.register(matching, { ...options.matching, databaseUrl: options.databaseUrl });
  await app.register(live, { limits, publicOrigin: publicUrl?.origin });

  await app.register(
    async (api) => {
      await operationalRoutes(api, options);
      await api.register(authRoutes, {
        prefix: '/auth',
        attemptsPerMinute: options.authAttemptsPerMinute ?? 10,
        // An address cap below the per-account cap would make the latter meaningless.
        attemptsPerAddressPerMinute: Math.max(limits.loginAttemptsPerAddress, options.authAttemptsPerMinute ?? 10),
      });
      await api.register(passwordResetRoutes, {
        prefix: '/auth',
        attemptsPerMinute: options.authAttemptsPerMinute ?? 10,
      });
      await api.register(preferenceRoutes, { prefix: '/auth' });
      await api.register(unsubscribeRoutes, { prefix: '/mail' });
      await api.register(demoSignInRoutes, { prefix: '/demo', enabled: options.demoSignIns ?? false });
      await api.register(smeRoutes, { prefix: '/smes' });
      await api.register(lotRoutes, { prefix: '/lots' });
      await api.register(proposalRoutes, { prefix: '/lots' });
      await api.register(consortiumRoutes);
      await api.register(awardRoutes, { prefix: '/lots' });
      await api.register(ocdsRoutes, { prefix: '/lots' });
      await api.register(csvRoutes, { prefix: '/smes' });
      await api.register(geoRoutes, { prefix: '/geo' });
      await api.register(opportunityRoutes, { prefix: '/smes' });
      await api.register(programmeRoutes);
    },
    { prefix: '/api' },
  );
  await app.register(client, { root: options.clientRoot ?? defaultClientRoot });

  return app;
}

/**
 * A matching worker (`LEPA_ROLE=worker`): solves queued lots and serves only
 * what operators and benchmarks ask it (`/api/health`, `/api/diagnostics`). No
 * sessions, mail, live board, API routes, docs or client: it never serves users.
 */
export async function buildWorker(options: WorkerOptions): Promise<App> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const app = createServer(options, limits);

  // The same order as the web app's, with only what solving and the operational routes need.
  await app.register(errorHandler);
  await app.register(metrics, options.metrics ?? { enabled: false });
  await registerDatabase(app, options, limits);
  await app.register(notFound);

  await app.register(changes);
  await app.register(matching, { ...options.matching, role: 'worker', databaseUrl: options.databaseUrl });

  await app.register((api) => operationalRoutes(api, options), { prefix: '/api' });

  return app;
}
