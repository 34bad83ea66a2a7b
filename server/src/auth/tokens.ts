import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits: unguessable, so a fast hash is enough to keep stored tokens useless if leaked. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
