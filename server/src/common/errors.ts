import type { ErrorCode, FieldIssue } from '@lepa/shared';

/** An expected failure with its HTTP status; the error handler turns it into DESIGN's error body. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Sent as Retry-After: when the client may try again (busy, unavailable). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const invalidInput = (issues: FieldIssue[]) =>
  new AppError(400, 'invalid_input', issues.map((i) => `${i.field} ${i.message}`).join('; '), issues);
export const unauthorized = (message = 'Sign in first') => new AppError(401, 'unauthorized', message);
export const forbidden = (message: string) => new AppError(403, 'forbidden', message);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (message: string, details?: unknown) => new AppError(409, 'conflict', message, details);
/** Too much work queued already: come back later rather than wait. */
export const busy = (message: string, retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', message, undefined, retryAfterSeconds);
