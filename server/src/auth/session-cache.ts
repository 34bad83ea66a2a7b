import type { AuthenticatedUser } from './service.ts';

interface Entry {
  user: AuthenticatedUser;
  /** Whichever comes first: the session's own expiry or the cache's time to live. */
  validUntil: number;
}

/**
 * Recently seen sessions, so most requests skip the session lookup. Every
 * revocation evicts here at once and is broadcast to the other instances;
 * the short time to live bounds staleness should a broadcast be lost.
 */
export function createSessionCache(options: { ttlMs: number; maxEntries: number; now: () => number }) {
  const entries = new Map<string, Entry>();

  return {
    get(tokenHash: string): AuthenticatedUser | undefined {
      const entry = entries.get(tokenHash);
      if (!entry) return undefined;
      if (entry.validUntil <= options.now()) {
        entries.delete(tokenHash);
        return undefined;
      }
      return entry.user;
    },

    set(tokenHash: string, user: AuthenticatedUser, sessionExpiresAt: number) {
      // Maps iterate in insertion order, so the first key is the oldest entry.
      if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(tokenHash, { user, validUntil: Math.min(sessionExpiresAt, options.now() + options.ttlMs) });
    },

    forget(revoked: { userId: string; sessionId?: string | undefined }) {
      for (const [tokenHash, entry] of entries) {
        if (entry.user.id !== revoked.userId) continue;
        if (revoked.sessionId === undefined || entry.user.sessionId === revoked.sessionId) entries.delete(tokenHash);
      }
    },

    clear() {
      entries.clear();
    },
  };
}
export type SessionCache = ReturnType<typeof createSessionCache>;
