import Fastify, { type FastifyServerOptions } from 'fastify';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import database from './infra/database.ts';
import errorHandler from './infra/error-handler.ts';
import docs from './infra/docs.ts';
import client from './infra/client.ts';
import auth from './auth/plugin.ts';
import changes from './live/changes.ts';
import authRoutes from './auth/routes.ts';
import smeRoutes from './smes/routes.ts';
import lotRoutes from './lots/routes.ts';
import proposals from './proposals/plugin.ts';
import proposalRoutes from './proposals/routes.ts';
import live from './live/plugin.ts';
import healthRoutes from './health.ts';
import consortiumRoutes from './consortia/routes.ts';
import ocdsRoutes from './ocds/routes.ts';
import csvRoutes from './csv/routes.ts';
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
  /** Mail delivery; by default mail is logged with links to http://127.0.0.1:3000. */
  mail?: MailOptions;
  /** LEPA_DEMO_DATA: lists the demo's showcase sign-ins at /api/demo/sign-ins. */
  demoSignIns?: boolean;
}

const defaultMail: MailOptions = { from: 'Lepa <lepa@localhost>', publicUrl: 'http://127.0.0.1:3000' };

const defaultClientRoot = fileURLToPath(new URL('../../client/dist', import.meta.url));

export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    // Behind a load balancer set trustProxy to its address; trusting any client would let it forge its address past the rate limit.
    trustProxy: false,
    bodyLimit: 1024 * 1024,
    // Opening PGlite and migrating can take longer than Fastify's 10 s default on a busy machine.
    pluginTimeout: 120_000,
    ajv: { customOptions: { removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Infrastructure first, then the services the routes share, then the routes.
  await app.register(errorHandler);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(docs);
  await app.register(database, { databaseUrl: options.databaseUrl, dataDir: options.dataDir });

  await app.register(changes);
  await app.register(auth);
  await app.register(mail, options.mail ?? defaultMail);
  await app.register(proposals);
  await app.register(live);

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes, { prefix: '/auth', attemptsPerMinute: options.authAttemptsPerMinute ?? 10 });
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
      await api.register(programmeRoutes);
    },
    { prefix: '/api' },
  );
  await app.register(client, { root: options.clientRoot ?? defaultClientRoot });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
