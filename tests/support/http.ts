import { expect } from 'vitest';
import { ErrorBody } from '@lepa/shared';
import type { App } from '@lepa/server';
import { assertShape } from './shape.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Reply {
  status: number;
  body: any;
  headers: Record<string, unknown>;
  text: string;
  cookies: { name: string; value: string; httpOnly?: boolean; sameSite?: string; path?: string; maxAge?: number }[];
}

/** One request through inject; `as` is an account (or headers) to act as. */
export async function call(
  app: App,
  method: Method,
  url: string,
  options: {
    as?: { auth: Record<string, string> } | undefined;
    payload?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<Reply> {
  const response = await app.inject({
    method,
    url,
    headers: { ...(options.as?.auth ?? {}), ...(options.headers ?? {}) },
    ...(options.payload === undefined ? {} : { payload: options.payload as object }),
  });
  let body: unknown;
  try {
    body = response.body.length > 0 ? JSON.parse(response.body) : undefined;
  } catch {
    body = undefined;
  }
  return {
    status: response.statusCode,
    body,
    headers: response.headers,
    text: response.body,
    cookies: response.cookies as Reply['cookies'],
  };
}

/** DESIGN's error shape with the given status and code; `field`, when given, must be named in details. */
export function expectError(reply: Reply, status: number, code: string, field?: string): void {
  expect(reply.status, reply.text).toBe(status);
  assertShape(ErrorBody, reply.body, `${status} body`);
  expect(reply.body.error.code, reply.text).toBe(code);
  expect(typeof reply.body.error.message).toBe('string');
  expect(reply.body.error.message.length).toBeGreaterThan(0);
  if (field !== undefined) {
    const details = reply.body.error.details as { field: string }[] | undefined;
    expect(Array.isArray(details), reply.text).toBe(true);
    expect(
      details!.map((d) => d.field),
      reply.text,
    ).toContain(field);
  }
}

/** True when a body has DESIGN's error shape: `{ error: { code, message, details? } }`. */
export function isErrorBody(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'error') return false;
  const error = (body as { error: unknown }).error as Record<string, unknown>;
  if (typeof error !== 'object' || error === null) return false;
  return (
    typeof error.code === 'string' &&
    typeof error.message === 'string' &&
    Object.keys(error).every((k) => k === 'code' || k === 'message' || k === 'details')
  );
}

export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
