import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorBody, LoginBody, Ok, RegisterBody, Session, User } from '@lepa/shared';
import { strictJsonTypes } from '../common/json-types.ts';
import { currentUser, SESSION_COOKIE } from './plugin.ts';
import { SESSION_MAX_AGE_SECONDS } from './service.ts';
import { described } from '../common/openapi.ts';
import { AppError } from '../common/errors.ts';

export interface AuthRoutesOptions {
  /** Login and register attempts per client and minute. */
  attemptsPerMinute: number;
  /** Login attempts per address and minute, whichever accounts they name. */
  attemptsPerAddressPerMinute: number;
}

function setSessionCookie(reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    // Behind a TLS proxy the server itself sees http: the public URL says what the browser sees.
    secure: reply.server.secureCookies || reply.request.protocol === 'https',
    path: '/',
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody, 429: ErrorBody };

/** Emails are stored trimmed, so surrounding spaces are forgiven before the format is checked. */
async function trimEmail(request: FastifyRequest) {
  const body = request.body as { email?: unknown } | undefined;
  if (body && typeof body === 'object' && typeof body.email === 'string') body.email = body.email.trim();
}

const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  const attempts = { max: options.attemptsPerMinute, timeWindow: '1 minute' };
  // Beside the per-account limit: one address spraying a different email each time is limited too.
  const perAddress = app.createRateLimit({
    max: options.attemptsPerAddressPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (request) => `login-address:${request.ip}`,
  });
  const limitPerAddress = async (request: FastifyRequest, reply: FastifyReply) => {
    const limit = await perAddress(request);
    if (limit.isAllowed || !limit.isExceeded) return;
    reply.header('retry-after', String(limit.ttlInSeconds));
    throw new AppError(
      429,
      'rate_limited',
      `Too many sign-in attempts from this address; try again in ${limit.ttlInSeconds} s`,
    );
  };

  app.post(
    '/register',
    {
      config: { rateLimit: attempts },
      preValidation: [strictJsonTypes(RegisterBody), trimEmail],
      schema: {
        operationId: 'register',
        summary: 'Register an account and sign in',
        tags: ['auth'],
        security: [],
        body: RegisterBody,
        response: { 201: described('The new account and its session token', Session), ...errors },
      },
    },
    async (request, reply) => {
      const session = await app.accounts.register(request.body);
      setSessionCookie(reply, session.token);
      return reply.status(201).send(session);
    },
  );

  app.post(
    '/login',
    {
      config: {
        rateLimit: {
          ...attempts,
          // Counted once the body is parsed (the default onRequest hook runs before it, so every
          // login from one address would share a key): per address and account, so one attacker
          // cannot lock everybody behind a shared address out.
          hook: 'preHandler',
          keyGenerator: (request) =>
            `${request.ip}:${String((request.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
        },
      },
      onRequest: limitPerAddress,
      preValidation: [strictJsonTypes(LoginBody), trimEmail],
      schema: {
        operationId: 'login',
        summary: 'Sign in',
        tags: ['auth'],
        security: [],
        body: LoginBody,
        response: { 200: described('The account and a session token', Session), ...errors },
      },
    },
    async (request, reply) => {
      const session = await app.accounts.login(request.body);
      setSessionCookie(reply, session.token);
      return session;
    },
  );

  app.register(async (signedIn) => {
    signedIn.addHook('onRequest', app.authenticate);

    signedIn.get(
      '/me',
      {
        schema: {
          operationId: 'getMe',
          summary: 'The signed-in account',
          tags: ['auth'],
          response: { 200: described('The signed-in account', User), ...errors },
        },
      },
      async (request) => currentUser(request).profile,
    );

    signedIn.post(
      '/logout',
      {
        schema: {
          operationId: 'logout',
          summary: 'Sign out this session',
          tags: ['auth'],
          response: { 200: described('Signed out', Ok), ...errors },
        },
      },
      async (request, reply) => {
        await app.accounts.logout(currentUser(request));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    signedIn.post(
      '/logout-all',
      {
        schema: {
          operationId: 'logoutEverywhere',
          summary: 'Sign out every session of this account',
          tags: ['auth'],
          response: { 200: described('Every session signed out', Ok), ...errors },
        },
      },
      async (request, reply) => {
        await app.accounts.logoutEverywhere(currentUser(request).id);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    signedIn.delete(
      '/me',
      {
        schema: {
          operationId: 'deleteMe',
          summary: 'Delete the signed-in account',
          tags: ['auth'],
          response: { 200: described('The account is deleted', Ok), ...errors },
        },
      },
      async (request, reply) => {
        await app.accounts.deleteAccount(currentUser(request).id);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );
  });
};

export default authRoutes;
