/**
 * What a backup holds, table by table. Every table of the drizzle schema is either here or in
 * EXCLUDED_TABLES with the reason (tests/api/backup.test.ts fails on a table in neither).
 * Adding a table: put it in BACKUP_TABLES after the tables it references (imports insert in
 * this order), or in EXCLUDED_TABLES when it holds nothing worth restoring.
 */
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  bookings,
  consortia,
  consortiumMembers,
  lotRequirements,
  lots,
  mailPreferences,
  programmeLots,
  programmes,
  smeCapabilities,
  smeCertifications,
  smes,
  users,
} from '@lepa/db';

export interface BackupTable {
  table: PgTable;
  /** Columns left out unless the operator asks for them (`--with-password-hashes`), with the value an import then stores. */
  secret?: { column: string; placeholder: string };
}

/** Stored in place of a password hash that was not exported: matches no password, so the owner sets a new one. */
export const NO_PASSWORD = 'none$exported-without-password-hash';

/** Parents before children. */
export const BACKUP_TABLES: readonly BackupTable[] = [
  { table: users, secret: { column: 'passwordHash', placeholder: NO_PASSWORD } },
  { table: smes },
  { table: smeCapabilities },
  { table: smeCertifications },
  { table: lots },
  { table: lotRequirements },
  { table: consortia },
  { table: consortiumMembers },
  { table: bookings },
  { table: mailPreferences },
  { table: programmes },
  { table: programmeLots },
];

/** Tables deliberately not backed up, by SQL name, with the reason. */
export const EXCLUDED_TABLES: Readonly<Record<string, string>> = {
  sessions: 'sign-ins are credentials: nobody is signed in after a restore, everyone signs in again',
  password_resets: 'reset links are credentials and expire within the hour: ask for a new one after a restore',
  installation_secrets: 'the restored installation makes its own signing secret (old unsubscribe links then lapse)',
  mail_outbox: 'mail belongs to the installation that sent it: replaying it would mail people twice',
  lot_answers: 'derived: the matching service recomputes every open lot from the restored data',
};
