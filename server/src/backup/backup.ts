/**
 * The whole dataset as one JSON document (`pnpm lepa export` / `pnpm lepa import`): every table
 * of BACKUP_TABLES, rows as drizzle reads them, with a format version. Imports go into an empty
 * database only, in one transaction, so a failed import leaves nothing behind.
 */
import { count, getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '@lepa/db';
import { BACKUP_TABLES, type BackupTable } from './tables.ts';

export const BACKUP_FORMAT = 'lepa-backup';
export const BACKUP_VERSION = 1;
/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for the widest table. */
const INSERT_BATCH = 500;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  withPasswordHashes: boolean;
  /** SQL table name → rows (column values keyed by their drizzle property names). */
  tables: Record<string, Record<string, unknown>[]>;
}

export class BackupError extends Error {}

export async function exportBackup(db: Db, options: { withPasswordHashes: boolean }): Promise<Backup> {
  const tables: Backup['tables'] = {};
  // One snapshot, so rows written while the export runs cannot leave a child without its parent.
  await db.transaction(
    async (tx) => {
      for (const { table, secret } of BACKUP_TABLES) {
        const rows = (await tx.select().from(table)) as Record<string, unknown>[];
        if (secret && !options.withPasswordHashes) for (const row of rows) delete row[secret.column];
        tables[getTableName(table)] = rows;
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date().toISOString(),
    withPasswordHashes: options.withPasswordHashes,
    tables,
  };
}

/** Checks the document's shape and version; answers it typed. */
export function readBackup(document: unknown): Backup {
  const backup = document as Partial<Backup> | null;
  if (backup?.format !== BACKUP_FORMAT) throw new BackupError('not a Lepa backup (no "format": "lepa-backup")');
  if (backup.version !== BACKUP_VERSION) {
    throw new BackupError(`backup format version ${String(backup.version)}; this Lepa reads version ${BACKUP_VERSION}`);
  }
  if (typeof backup.tables !== 'object' || backup.tables === null) throw new BackupError('the backup has no "tables"');
  const known = new Set(BACKUP_TABLES.map(({ table }) => getTableName(table)));
  const unknown = Object.keys(backup.tables).filter((name) => !known.has(name));
  if (unknown.length) throw new BackupError(`the backup holds tables this Lepa does not know: ${unknown.join(', ')}`);
  for (const [name, rows] of Object.entries(backup.tables)) {
    if (!Array.isArray(rows)) throw new BackupError(`"tables.${name}" is not a list of rows`);
  }
  return backup as Backup;
}

/** Restores a backup into an empty database; answers the number of rows per table. */
export async function importBackup(db: Db, backup: Backup): Promise<Record<string, number>> {
  const imported: Record<string, number> = {};
  await db.transaction(async (tx) => {
    for (const { table } of BACKUP_TABLES) {
      const [row] = await tx.select({ rows: count() }).from(table);
      if (row && row.rows > 0) {
        throw new BackupError(
          `the database is not empty (${getTableName(table)} has rows); import only into a new one`,
        );
      }
    }
    for (const entry of BACKUP_TABLES) {
      const name = getTableName(entry.table);
      const rows = (backup.tables[name] ?? []).map((row) => restoreRow(entry, row));
      for (let start = 0; start < rows.length; start += INSERT_BATCH) {
        await tx.insert(entry.table).values(rows.slice(start, start + INSERT_BATCH));
      }
      await resetSerials(tx as unknown as Db, entry.table);
      imported[name] = rows.length;
    }
  });
  return imported;
}

/** JSON turned timestamps into strings: back to Dates for the columns that hold them; a left-out secret gets its placeholder. */
function restoreRow({ table, secret }: BackupTable, row: Record<string, unknown>): Record<string, unknown> {
  const restored: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = row[key];
    if (value === undefined) continue;
    restored[key] = column.dataType === 'date' && typeof value === 'string' ? new Date(value) : value;
  }
  if (secret && restored[secret.column] === undefined) restored[secret.column] = secret.placeholder;
  return restored;
}

/** Serial columns were given explicit values: move their sequences past them so new rows do not collide. */
async function resetSerials(db: Db, table: PgTable): Promise<void> {
  for (const column of Object.values(getTableColumns(table))) {
    if (column.columnType !== 'PgSerial') continue;
    const tableName = getTableName(table);
    // Columns named by their property take the database's snake_case casing.
    const columnName = column.keyAsName
      ? column.name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
      : column.name;
    await db.execute(
      sql`select setval(pg_get_serial_sequence(${tableName}, ${columnName}), coalesce((select max(${sql.identifier(columnName)}) from ${sql.identifier(tableName)}), 0) + 1, false)`,
    );
  }
}
