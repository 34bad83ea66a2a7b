/**
 * Operator commands: `pnpm lepa <command>`. Uses the same settings as the
 * server (DATABASE_URL, LEPA_DATA_DIR); with embedded PGlite, stop the server
 * first, as only one process may open its folder.
 */
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { users } from '@lepa/db';
import { buildApp } from './app.ts';
import { AppError } from './common/errors.ts';
import { createSmeImport } from './csv/import-smes.ts';
import { readSettings } from './settings.ts';
import { runBackupCommand } from './backup/command.ts';

const USAGE = [
  'usage: pnpm lepa import-smes <file.csv> --owner <email of an SME account>',
  '       pnpm lepa export <backup.json> [--with-password-hashes]',
  '       pnpm lepa import <backup.json>   (into an empty database only)',
].join('\n');

function parseArgs(argv: readonly string[]): {
  command: string | undefined;
  file: string | undefined;
  owner: string | undefined;
} {
  const ownerAt = argv.indexOf('--owner');
  const owner = ownerAt >= 0 ? argv[ownerAt + 1] : undefined;
  const positional = argv.filter((_, i) => i !== ownerAt && i !== ownerAt + 1);
  return { command: positional[0], file: positional[1], owner };
}

async function importSmes(file: string, ownerEmail: string): Promise<number> {
  const csv = readFileSync(file, 'utf8');
  const settings = readSettings(process.env);
  // The whole app, not just the database, so the import also reaches live boards on running instances.
  const app = await buildApp({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir, logger: false });
  try {
    const [owner] = await app.database.db
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(eq(users.email, ownerEmail.trim().toLowerCase()));
    if (!owner || owner.role !== 'sme') {
      console.error(`No SME account has the email ${ownerEmail}; register one first (the firms will belong to it).`);
      return 1;
    }
    const result = await createSmeImport({ db: app.database.db, publish: app.publishChange })(owner.id, csv);
    console.log(`Imported ${result.imported} firms from ${file} in ${result.elapsedMs} ms.`);
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.error(error.message);
    for (const issue of (error.details as { line: number; field: string; message: string }[] | undefined) ?? []) {
      console.error(`  line ${issue.line}, ${issue.field}: ${issue.message}`);
    }
    return 1;
  } finally {
    await app.close();
  }
}

const [backupCommand, backupFile = ''] = process.argv.slice(2).filter((arg) => arg !== '--with-password-hashes');
if (backupCommand === 'export' || backupCommand === 'import') {
  const withPasswordHashes = process.argv.includes('--with-password-hashes');
  process.exit(await runBackupCommand(backupCommand, backupFile, { withPasswordHashes }));
}
const { command, file, owner } = parseArgs(process.argv.slice(2));
if (command !== 'import-smes' || !file || !owner) {
  console.error(USAGE);
  process.exit(2);
}
process.exit(await importSmes(file, owner));
