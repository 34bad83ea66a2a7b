import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { lots, sessions, smeCapabilities, smes, users, type Executor } from '@lepa/db';
import type { Role, Skill } from '@lepa/shared';

export type UserRow = typeof users.$inferSelect;

export function createAccountStore(db: Executor) {
  return {
    async insertUser(values: { email: string; name: string; role: Role; passwordHash: string }, tx: Executor = db) {
      const [row] = await tx.insert(users).values(values).onConflictDoNothing({ target: users.email }).returning();
      return row;
    },
    async findUserByEmail(email: string, tx: Executor = db) {
      const [row] = await tx.select().from(users).where(eq(users.email, email));
      return row;
    },
    /** The lots a provider posted, whatever their status, so their removal with the account can be announced. */
    async ownedLotIds(userId: string, tx: Executor = db): Promise<string[]> {
      const rows = await tx.select({ id: lots.id }).from(lots).where(eq(lots.ownerId, userId));
      return rows.map((row) => row.id);
    },

    /** Where the account's firms work, so their removal with the account can be announced. */
    async ownedFirmFootprints(userId: string, tx: Executor = db) {
      return tx
        .select({
          smeId: smes.id,
          lat: smes.lat,
          lon: smes.lon,
          serviceRadiusKm: smes.serviceRadiusKm,
          // JSON rather than a PostgreSQL array: the pools skip postgres.js's array-type query (see db/src/client.ts).
          skills: sql<
            Skill[]
          >`coalesce(jsonb_agg(${smeCapabilities.skill}) filter (where ${smeCapabilities.skill} is not null), '[]'::jsonb)`,
        })
        .from(smes)
        .leftJoin(smeCapabilities, eq(smeCapabilities.smeId, smes.id))
        .where(eq(smes.ownerId, userId))
        .groupBy(smes.id);
    },
    async deleteUser(userId: string, tx: Executor = db) {
      await tx.delete(users).where(eq(users.id, userId));
    },
    async insertSession(values: { userId: string; tokenHash: string; expiresAt: Date }, tx: Executor = db) {
      await tx.insert(sessions).values(values);
    },
    /** The user behind a live session: not revoked, not expired. */
    async findUserBySessionToken(tokenHash: string, now: Date, tx: Executor = db) {
      const [row] = await tx
        .select({ user: users, sessionId: sessions.id, expiresAt: sessions.expiresAt })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
      return row;
    },
    async revokeSession(sessionId: string, now: Date, tx: Executor = db) {
      await tx.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, sessionId));
    },
    async revokeAllSessions(userId: string, now: Date, tx: Executor = db) {
      await tx
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
    },
  };
}
export type AccountStore = ReturnType<typeof createAccountStore>;
