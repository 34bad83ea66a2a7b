import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import type { ErrorBody, FieldIssue } from '@lepa/shared';
import { AppError } from '../common/errors.ts';

interface AjvIssue {
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** `/location/lat` → `location.lat`; a missing or unexpected property names that property. */
function fieldOf(issue: AjvIssue, context: string | undefined): string {
  const path = issue.instancePath.split('/').filter(Boolean);
  const named = issue.params.missingProperty ?? issue.params.additionalProperty;
  if (typeof named === 'string') path.push(named);
  const field = path.join('.');
  if (context === 'body') return field || 'body';
  return field || context || 'request';
}

function validationIssues(error: FastifyError): FieldIssue[] {
  const issues = (error.validation ?? []) as AjvIssue[];
  return issues.map((issue) => ({
    field: fieldOf(issue, error.validationContext),
    message: issue.params.additionalProperty ? 'is not an accepted field' : (issue.message ?? 'is invalid'),
  }));
}

/**
 * Connection exceptions, shutdown, too many connections, a statement cancelled by its timeout
 * (57014), and 55000, what PostgreSQL answers while the database refuses connections
 * (ALLOW_CONNECTIONS false).
 */
const POSTGRES_UNAVAILABLE = /^(08|57P0[1-3]|53300|57014|55000)/;
const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'DATABASE_DEADLINE',
]);

/** The driver's or PostgreSQL's code; drizzle wraps driver errors and keeps the original as `cause`. */
function databaseCode(error: { code?: unknown; cause?: unknown }): string {
  if (typeof error.code === 'string') return error.code;
  const cause = error.cause as { code?: unknown } | undefined;
  return typeof cause?.code === 'string' ? cause.code : '';
}

function isDatabaseUnavailable(code: string): boolean {
  return NETWORK_ERRORS.has(code) || POSTGRES_UNAVAILABLE.test(code);
}

/**
 * A row still referenced elsewhere (a firm in a consortium, say) cannot go:
 * foreign_key_violation, or restrict_violation for ON DELETE RESTRICT on newer PostgreSQL.
 */
const STILL_REFERENCED = new Set(['23503', '23001']);

function send(reply: import('fastify').FastifyReply, status: number, body: ErrorBody) {
  return reply.status(status).type('application/json').send(body);
}

/** The one place errors become responses: DESIGN's error shape, never a stack trace. */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof AppError) {
        if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
        return send(reply, error.statusCode, {
          error: {
            code: error.code,
            message: error.message,
            ...(error.details === undefined ? {} : { details: error.details }),
            ...(error.statusCode >= 500 ? { requestId: request.id } : {}),
          },
        });
      }
      if (error.validation) {
        const issues = validationIssues(error);
        const message = issues.map((i) => `${i.field} ${i.message}`).join('; ');
        return send(reply, 400, { error: { code: 'invalid_input', message, details: issues } });
      }
      if (error.statusCode === 429) {
        return send(reply, 429, { error: { code: 'rate_limited', message: error.message } });
      }
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        // Fastify's own client errors: malformed JSON, wrong content type, body too large.
        return send(reply, error.statusCode, {
          error: { code: error.statusCode === 404 ? 'not_found' : 'invalid_input', message: error.message },
        });
      }
      const code = databaseCode(error);
      if (STILL_REFERENCED.has(code)) {
        return send(reply, 409, {
          error: {
            code: 'conflict',
            message:
              'This record is still part of something else (a firm in a consortium or bid, say); remove it from there first',
          },
        });
      }
      if (isDatabaseUnavailable(code)) {
        request.log.error({ err: error }, 'database unavailable');
        reply.header('retry-after', '5');
        return send(reply, 503, {
          error: {
            code: 'database_unavailable',
            message: 'The database is unavailable; try again shortly',
            requestId: request.id,
          },
        });
      }
      request.log.error({ err: error }, 'unhandled error');
      return send(reply, 500, {
        error: { code: 'internal', message: 'Something went wrong on our side', requestId: request.id },
      });
    });
  },
  { name: 'error-handler' },
);
