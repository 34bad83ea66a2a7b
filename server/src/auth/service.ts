import type { LoginBody, RegisterBody, Role, User } from '@lepa/shared';
import { AppError, conflict, unauthorized } from '../common/errors.ts';
import { decoyHash, hashPassword, verifyPassword } from './passwords.ts';
import { hashToken, newToken } from './tokens.ts';
import type { AccountStore, UserRow } from './store.ts';
import type { SessionCache } from './session-cache.ts';
import type { ChangeEvent } from '../changes/change-event.ts';

const SESSION_DAYS = 30;
export const SESSION_MAX_AGE_SECONDS = SESSION_DAYS * 24 * 3600;

export interface AuthenticatedUser {
  id: string;
  role: Role;
  sessionId: string;
  profile: User;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, role: row.role, createdAt: row.createdAt.toISOString() };
}

export interface Revocation {
  userId: string;
  /** One session; absent when every session of the user ends. */
  sessionId?: string | undefined;
}

export function createAccountService(deps: {
  store: AccountStore;
  sessions: SessionCache;
  /** Tells the other instances to drop cached sessions; runs after the revocation is committed. */
  announceRevocation: (revocation: Revocation) => Promise<void>;
  /** Announces committed changes to firms (an account's firms go with it). */
  publish: (event: ChangeEvent) => Promise<void>;
  now: () => Date;
}) {
  const { store, sessions, announceRevocation, publish, now } = deps;

  async function revoked(revocation: Revocation) {
    sessions.forget(revocation);
    await announceRevocation(revocation);
  }

  async function startSession(row: UserRow) {
    const token = newToken();
    await store.insertSession({
      userId: row.id,
      tokenHash: hashToken(token),
      expiresAt: new Date(now().getTime() + SESSION_MAX_AGE_SECONDS * 1000),
    });
    return { user: toUser(row), token };
  }

  return {
    async register(body: RegisterBody) {
      const email = normaliseEmail(body.email);
      const passwordHash = await hashPassword(body.password);
      const row = await store.insertUser({ email, name: body.name.trim(), role: body.role, passwordHash });
      if (!row) throw conflict('An account with this email already exists', { field: 'email' });
      return startSession(row);
    },

    async login(body: LoginBody) {
      const row = await store.findUserByEmail(normaliseEmail(body.email));
      const valid = await verifyPassword(body.password, row?.passwordHash ?? (await decoyHash));
      if (!row || !valid) throw new AppError(401, 'unauthorized', 'Email or password is wrong');
      return startSession(row);
    },

    async authenticate(token: string): Promise<AuthenticatedUser> {
      const tokenHash = hashToken(token);
      const cached = sessions.get(tokenHash);
      if (cached) return cached;
      const found = await store.findUserBySessionToken(tokenHash, now());
      if (!found) throw unauthorized('Your session has ended; sign in again');
      const user = {
        id: found.user.id,
        role: found.user.role,
        sessionId: found.sessionId,
        profile: toUser(found.user),
      };
      sessions.set(tokenHash, user, found.expiresAt.getTime());
      return user;
    },

    async logout(user: { id: string; sessionId: string }) {
      await store.revokeSession(user.sessionId, now());
      await revoked({ userId: user.id, sessionId: user.sessionId });
    },

    async logoutEverywhere(userId: string) {
      await store.revokeAllSessions(userId, now());
      await revoked({ userId });
    },

    /**
     * Sessions, firms and lots go with the account (foreign keys cascade), so
     * its tokens die at once; boards that showed its firms are told. A firm in
     * a consortium holds the account back (409) until it leaves it.
     */
    async deleteAccount(userId: string) {
      const firms = await store.ownedFirmFootprints(userId);
      const lotIds = await store.ownedLotIds(userId);
      await store.deleteUser(userId);
      await revoked({ userId });
      for (const { smeId, ...footprint } of firms)
        await publish({ type: 'sme', smeId, before: footprint, after: null });
      // Every instance forgets what it held of the provider's lots: a board asking again is told they are gone.
      for (const lotId of lotIds) await publish({ type: 'lot', lotId });
    },
  };
}
export type AccountService = ReturnType<typeof createAccountService>;
