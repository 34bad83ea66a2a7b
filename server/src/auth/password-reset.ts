/** Password reset by mail: random single-use tokens, stored hashed, valid for an hour. */
import { and, count, eq, gt, isNull } from 'drizzle-orm';
import { passwordResets, sessions, users, type Db } from '@lepa/db';
import { AppError } from '../common/errors.ts';
import type { MailService } from '../mail/plugin.ts';
import { hashPassword } from './passwords.ts';
import { normaliseEmail } from './service.ts';
import { hashToken, newToken } from './tokens.ts';

export const RESET_TOKEN_MS = 3600_000;
/** Reset mails per account and hour; further requests are answered alike and send nothing. */
export const RESETS_PER_ACCOUNT_PER_HOUR = 3;

export const invalidResetToken = () =>
  new AppError(400, 'invalid_input', 'This reset link has expired or has already been used; ask for a new one', [
    { field: 'token', message: 'has expired or has already been used' },
  ]);

export function createPasswordResetService(deps: {
  db: Db;
  mail: Pick<MailService, 'enqueue' | 'wake' | 'appLink'>;
  /** Ends every session of the account once the new password is committed (the auth service's own revocation). */
  endAllSessions: (userId: string) => Promise<void>;
  now: () => Date;
}) {
  const { db, mail, endAllSessions, now } = deps;

  return {
    /** Queues a reset mail if the account exists and is under its hourly limit; silent either way. */
    async request(email: string): Promise<void> {
      const [user] = await db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, normaliseEmail(email)));
      if (!user) return;
      const token = newToken();
      const queued = await db.transaction(async (tx) => {
        // The account's row lock serialises concurrent requests, so the hourly count holds.
        await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for('update');
        const hourAgo = new Date(now().getTime() - 3600_000);
        const [recent] = await tx
          .select({ n: count() })
          .from(passwordResets)
          .where(and(eq(passwordResets.userId, user.id), gt(passwordResets.createdAt, hourAgo)));
        if ((recent?.n ?? 0) >= RESETS_PER_ACCOUNT_PER_HOUR) return false;
        const [row] = await tx
          .insert(passwordResets)
          .values({
            userId: user.id,
            tokenHash: hashToken(token),
            expiresAt: new Date(now().getTime() + RESET_TOKEN_MS),
            createdAt: now(),
          })
          .returning({ id: passwordResets.id });
        await mail.enqueue(
          [
            {
              userId: user.id,
              kind: 'password-reset',
              eventKey: `password-reset:${row!.id}`,
              content: {
                subject: 'Reset your Lepa password',
                paragraphs: [
                  'Someone (we hope you) asked to reset the password of your Lepa account.',
                  'The link below works once and for one hour. Choosing a new password signs you out everywhere.',
                  'If you did not ask for this, ignore this mail: your password stays as it is.',
                ],
                link: mail.appLink(`#/reset?token=${token}`),
                linkText: 'Choose a new password',
              },
            },
          ],
          tx,
        );
        return true;
      });
      if (queued) mail.wake();
    },

    /** Sets the new password and ends every session; the token is spent in the same transaction. */
    async confirm(token: string, password: string): Promise<void> {
      const passwordHash = await hashPassword(password);
      const userId = await db.transaction(async (tx) => {
        const [spent] = await tx
          .update(passwordResets)
          .set({ usedAt: now() })
          .where(
            and(
              eq(passwordResets.tokenHash, hashToken(token)),
              isNull(passwordResets.usedAt),
              gt(passwordResets.expiresAt, now()),
            ),
          )
          .returning({ userId: passwordResets.userId });
        if (!spent) throw invalidResetToken();
        await tx.update(users).set({ passwordHash }).where(eq(users.id, spent.userId));
        await tx
          .update(sessions)
          .set({ revokedAt: now() })
          .where(and(eq(sessions.userId, spent.userId), isNull(sessions.revokedAt)));
        // Any other link sent to this account stops working too.
        await tx
          .update(passwordResets)
          .set({ usedAt: now() })
          .where(and(eq(passwordResets.userId, spent.userId), isNull(passwordResets.usedAt)));
        return spent.userId;
      });
      await endAllSessions(userId);
    },
  };
}
export type PasswordResetService = ReturnType<typeof createPasswordResetService>;
