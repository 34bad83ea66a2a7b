import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { AppError, forbidden } from '../common/errors.ts';
import { strictJsonTypes } from '../common/json-types.ts';
import type { TSchema } from 'typebox';

export interface RequestGuardOptions {
  /** Origin of LEPA_PUBLIC_URL; absent = the request's own scheme and host. */
  publicOrigin?: string | undefined;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SESSION_COOKIE_PREFIX = 'lepa_session=';

function mediaType(request: FastifyRequest): string | undefined {
  const header = request.headers['content-type'];
  return header?.split(';', 1)[0]!.trim().toLowerCase() || undefined;
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

/** The app's own origin: LEPA_PUBLIC_URL's, or this request's scheme and host. */
export function ownOrigin(request: FastifyRequest, publicOrigin: string | undefined): string {
  return publicOrigin ?? `${request.protocol}://${request.host}`;
}

/** A browser said the request comes from a page of another site. */
export function isForeignOrigin(request: FastifyRequest, publicOrigin: string | undefined): boolean {
  const origin = request.headers.origin;
  return origin !== undefined && origin.toLowerCase() !== ownOrigin(request, publicOrigin).toLowerCase();
}

/** Only the cookie authenticates this request: a browser could be sending it on another site's behalf. */
function cookieAuthenticated(request: FastifyRequest): boolean {
  if (request.headers.authorization) return false;
  return (request.headers.cookie ?? '').split(/;\s*/).some((part) => part.startsWith(SESSION_COOKIE_PREFIX));
}

/**
 * Checks every request passes before any route sees it:
 * - request ids are echoed in `X-Request-Id` (and the error handler puts them in 5xx bodies);
 * - CSRF: a cross-site form or `fetch` without preflight can only send `text/plain`, forms or
 *   multipart, so state-changing routes take JSON only (a route may name other types in its
 *   schema's `consumes`, like the CSV import) → 415; and a cookie-authenticated change from
 *   another `Origin` → 403, whatever SameSite a browser applies;
 * - every JSON body is type-strict (no coercion) and free of text PostgreSQL cannot store.
 */
export default fp<RequestGuardOptions>(
  async (app, options) => {
    // Browsers' cross-site simple requests; nothing in Lepa reads them.
    app.removeContentTypeParser('text/plain');

    app.addHook('onRequest', async (request, reply) => {
      reply.header('x-request-id', request.id);
      if (!STATE_CHANGING.has(request.method)) return;
      const type = mediaType(request);
      if (type !== undefined || hasBody(request)) {
        const accepted = (request.routeOptions.schema?.consumes as string[] | undefined) ?? ['application/json'];
        if (!type || !accepted.includes(type)) {
          throw new AppError(
            415,
            'invalid_input',
            `This request takes ${accepted.join(' or ')}, not ${type ?? 'an untyped body'}`,
          );
        }
      }
      if (cookieAuthenticated(request) && isForeignOrigin(request, options.publicOrigin)) {
        throw forbidden('Changes signed in by cookie are accepted only from Lepa’s own pages');
      }
    });

    app.addHook('preValidation', async (request) => {
      const schema = request.routeOptions.schema?.body as TSchema | undefined;
      if (schema && request.body !== undefined && mediaType(request) === 'application/json') {
        await strictJsonTypes(schema)(request);
      }
    });
  },
  { name: 'request-guards', dependencies: ['error-handler'] },
);
