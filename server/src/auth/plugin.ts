import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { Role } from '@lepa/shared';
import { forbidden, unauthorized } from '../common/errors.ts';
import { createAccountService, type AccountService, type AuthenticatedUser } from './service.ts';
import { createSessionCache } from './session-cache.ts';
import { createAccountStore } from './store.ts';
import { passwordHashing } from './passwords.ts';
import type { Limits } from '../settings.ts';

export interface AuthPluginOptions {
  /** LEPA_PUBLIC_URL is https: session cookies are Secure even when a TLS proxy talks http to us. */
  securePublicUrl: boolean;
  limits: Pick<Limits, 'passwordHashQueue'>;
}

export const SESSION_COOKIE = 'lepa_session';
/** How long another instance may go on accepting a revoked token should the revocation broadcast be lost. */
const SESSION_CACHE_TTL_MS = 30_000;

declare module 'fastify' {
  interface FastifyInstance {
    accounts: AccountService;
    /** Session cookies carry Secure. */
    secureCookies: boolean;
    /** onRequest hook for route folders that need a signed-in user. */
    authenticate: (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    user: AuthenticatedUser | null;
  }
}

/** The bearer header wins over the cookie, so tools can act as another account from a browser session. */
export function tokenFrom(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, token] = header.split(' ');
    return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
  }
  return request.cookies[SESSION_COOKIE];
}

export function requireRole(request: FastifyRequest, role: Role): AuthenticatedUser {
  const user = request.user;
  if (!user) throw unauthorized();
  if (user.role !== role) throw forbidden(`Only ${role === 'sme' ? 'SME' : 'housing provider'} accounts may do this`);
  return user;
}

export function currentUser(request: FastifyRequest): AuthenticatedUser {
  if (!request.user) throw unauthorized();
  return request.user;
}

export default fp<AuthPluginOptions>(
  async (app, options) => {
    passwordHashing.setMaxWaiting(options.limits.passwordHashQueue);
    app.decorate('secureCookies', options.securePublicUrl);
    const sessions = createSessionCache({ ttlMs: SESSION_CACHE_TTL_MS, maxEntries: 50_000, now: Date.now });
    const accounts = createAccountService({
      store: createAccountStore(app.database.db),
      sessions,
      announceRevocation: (revocation) => app.broadcast({ kind: 'sessions-revoked', ...revocation }),
      publish: app.publishChange,
      now: () => new Date(),
    });
    app.onBroadcast((broadcast) => {
      if (broadcast.kind === 'sessions-revoked') sessions.forget(broadcast);
      if (broadcast.kind === 'resync') sessions.clear();
    });
    app.decorate('accounts', accounts);
    app.decorateRequest('user', null);
    app.decorate('authenticate', async (request: FastifyRequest) => {
      const token = tokenFrom(request);
      if (!token) throw unauthorized();
      request.user = await accounts.authenticate(token);
    });
  },
  { name: 'auth', dependencies: ['database', 'changes'] },
);
