import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { installationSecrets, mailOutbox, mailPreferences, users, type Executor } from '@lepa/db';
import { MAIL_KINDS, type MailKind } from '@lepa/shared';
import { randomBytes } from 'node:crypto';
import { compose, type MailContent } from './compose.ts';

export type OutboxKind = MailKind | 'password-reset';

/** A mail to queue for an account, named by the event it is for. */
export interface MailDraft {
  userId: string;
  kind: OutboxKind;
  /** Unique per event: queuing the same key twice queues one mail. */
  eventKey: string;
  content: MailContent;
}

export interface ClaimedMail {
  id: number;
  kind: OutboxKind;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  link: string;
  unsubscribeLink: string | null;
  attempts: number;
}

const UNSUBSCRIBE_WHAT: Record<MailKind, string> = {
  invitation: 'mails about consortium invitations',
  'invitation-answer': 'mails about answers to your invitations',
  'bid-submitted': 'mails about submitted bids',
  'award-outcome': 'mails about award decisions',
  'new-lots': 'the daily mail about new lots',
  'certificate-expiring': 'mails about expiring certificates',
};

export function createOutboxStore(db: Executor, unsubscribeLink: (userId: string, kind: MailKind) => string) {
  return {
    /** Queues the drafts in the caller's transaction, leaving out kinds their accounts switched off. */
    async enqueue(drafts: readonly MailDraft[], tx: Executor = db): Promise<number> {
      if (drafts.length === 0) return 0;
      const userIds = [...new Set(drafts.map((d) => d.userId))];
      const people = await tx
        .select({ id: users.id, email: users.email, name: users.name, muted: mailPreferences.muted })
        .from(users)
        .leftJoin(mailPreferences, eq(mailPreferences.userId, users.id))
        .where(inArray(users.id, userIds));
      const rows = drafts.flatMap((draft) => {
        const person = people.find((p) => p.id === draft.userId);
        if (!person || (person.muted ?? []).includes(draft.kind)) return [];
        const optional = draft.kind === 'password-reset' ? undefined : draft.kind;
        const unsubscribe = optional
          ? { link: unsubscribeLink(draft.userId, optional), what: UNSUBSCRIBE_WHAT[optional] }
          : undefined;
        const mail = compose(draft.content, person.name, unsubscribe);
        return [
          {
            eventKey: draft.eventKey,
            userId: draft.userId,
            kind: draft.kind,
            toAddress: person.email,
            subject: mail.subject,
            textBody: mail.text,
            htmlBody: mail.html,
            link: draft.content.link,
            unsubscribeLink: unsubscribe?.link ?? null,
          },
        ];
      });
      if (rows.length === 0) return 0;
      const inserted = await tx
        .insert(mailOutbox)
        .values(rows)
        .onConflictDoNothing({ target: mailOutbox.eventKey })
        .returning({ id: mailOutbox.id });
      return inserted.length;
    },

    /**
     * Claims up to `limit` due mails: FOR UPDATE SKIP LOCKED lets several
     * instances claim side by side without taking the same row, and the lease
     * (next attempt pushed forward) hands a row back if its claimer dies.
     */
    async claim(now: Date, limit: number, leaseMs: number): Promise<ClaimedMail[]> {
      return db.transaction(async (tx) => {
        const due = await tx
          .select({ id: mailOutbox.id })
          .from(mailOutbox)
          .where(and(isNull(mailOutbox.sentAt), isNull(mailOutbox.failedAt), lte(mailOutbox.nextAttemptAt, now)))
          .orderBy(asc(mailOutbox.id))
          .limit(limit)
          .for('update', { skipLocked: true });
        if (due.length === 0) return [];
        return tx
          .update(mailOutbox)
          .set({ attempts: sql`${mailOutbox.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + leaseMs) })
          .where(
            inArray(
              mailOutbox.id,
              due.map((d) => d.id),
            ),
          )
          .returning({
            id: mailOutbox.id,
            kind: mailOutbox.kind,
            toAddress: mailOutbox.toAddress,
            subject: mailOutbox.subject,
            textBody: mailOutbox.textBody,
            htmlBody: mailOutbox.htmlBody,
            link: mailOutbox.link,
            unsubscribeLink: mailOutbox.unsubscribeLink,
            attempts: mailOutbox.attempts,
          });
      });
    },

    async markSent(id: number, now: Date) {
      await db.update(mailOutbox).set({ sentAt: now, lastError: null }).where(eq(mailOutbox.id, id));
    },

    async markFailed(id: number, error: string, retryAt: Date | null, now: Date) {
      await db
        .update(mailOutbox)
        .set(retryAt ? { lastError: error, nextAttemptAt: retryAt } : { lastError: error, failedAt: now })
        .where(eq(mailOutbox.id, id));
    },
  };
}
export type OutboxStore = ReturnType<typeof createOutboxStore>;

export function createPreferenceStore(db: Executor) {
  return {
    async muted(userId: string): Promise<MailKind[]> {
      const [row] = await db
        .select({ muted: mailPreferences.muted })
        .from(mailPreferences)
        .where(eq(mailPreferences.userId, userId));
      return (row?.muted ?? []).filter((k): k is MailKind => (MAIL_KINDS as readonly string[]).includes(k));
    },
    async setMuted(userId: string, muted: readonly MailKind[]) {
      await db
        .insert(mailPreferences)
        .values({ userId, muted: [...muted] })
        .onConflictDoUpdate({ target: mailPreferences.userId, set: { muted: [...muted], updatedAt: new Date() } });
    },
    /** Adds one kind in a single statement, so concurrent unsubscribes from two mails both stick. */
    async mute(userId: string, kind: MailKind) {
      await db
        .insert(mailPreferences)
        .values({ userId, muted: [kind] })
        .onConflictDoUpdate({
          target: mailPreferences.userId,
          set: {
            muted: sql`case when ${kind} = any(${mailPreferences.muted}) then ${mailPreferences.muted} else array_append(${mailPreferences.muted}, ${kind}::text) end`,
            updatedAt: new Date(),
          },
        });
    },
  };
}

/** The installation's secret of this name, created by whichever instance asks first. */
export async function installationSecret(db: Executor, name: string): Promise<string> {
  await db
    .insert(installationSecrets)
    .values({ name, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing({ target: installationSecrets.name });
  const [row] = await db
    .select({ value: installationSecrets.value })
    .from(installationSecrets)
    .where(eq(installationSecrets.name, name));
  return row!.value;
}
