import { index, integer, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { MAIL_KINDS } from '@lepa/shared';
import { users } from './accounts.ts';

/**
 * Mail waiting to be delivered. Rows are written in the transaction of the
 * event that causes them (or, for periodic mail, under a key naming the event),
 * and a sender loop on any instance claims them with FOR UPDATE SKIP LOCKED.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: serial().primaryKey(),
    /** Names the event the mail is for, so one event never queues two mails. */
    eventKey: text().notNull().unique(),
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    kind: text({ enum: [...MAIL_KINDS, 'password-reset'] }).notNull(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    textBody: text().notNull(),
    htmlBody: text().notNull(),
    /** The link the mail is about (logged when no SMTP server is configured). */
    link: text().notNull(),
    unsubscribeLink: text(),
    attempts: integer().notNull().default(0),
    /** When the row may next be tried; a claim pushes it forward as a lease. */
    nextAttemptAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true, mode: 'date' }),
    /** Set when the retries are used up. */
    failedAt: timestamp({ withTimezone: true, mode: 'date' }),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [index().on(table.nextAttemptAt), index().on(table.userId, table.kind)],
);

/** Kinds of mail an account has switched off; absent means every kind is on. */
export const mailPreferences = pgTable('mail_preferences', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  muted: text().array().notNull().default([]),
  updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Secrets generated once per installation and shared by every instance (the unsubscribe-link key). */
export const installationSecrets = pgTable('installation_secrets', {
  name: text().primaryKey(),
  value: text().notNull(),
});

export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** SHA-256 of the token; the token itself only travels in the mail. */
    tokenHash: text().notNull().unique(),
    expiresAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp({ withTimezone: true, mode: 'date' }),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [index().on(table.userId, table.createdAt)],
);
