import { readFile, writeFile } from 'node:fs/promises';
import { openDatabase } from '@lepa/db';
import { readSettings } from '../settings.ts';
import { BackupError, exportBackup, importBackup, readBackup } from './backup.ts';

/** `pnpm lepa export|import <file>` against the database the server's settings name; answers the exit code. */
export async function runBackupCommand(
  command: 'export' | 'import',
  file: string,
  options: { withPasswordHashes: boolean },
): Promise<number> {
  if (!file) {
    console.error(`pnpm lepa ${command} needs a file name`);
    return 2;
  }
  const settings = readSettings(process.env);
  const database = await openDatabase({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
  try {
    if (command === 'export') {
      const backup = await exportBackup(database.db, options);
      await writeFile(file, JSON.stringify(backup));
      const rows = Object.entries(backup.tables).map(([name, list]) => `${name} ${list.length}`);
      const hashes = options.withPasswordHashes ? 'with' : 'without';
      console.log(`Exported to ${file} (${hashes} password hashes): ${rows.join(', ')}.`);
    } else {
      const backup = readBackup(JSON.parse(await readFile(file, 'utf8')));
      const imported = await importBackup(database.db, backup);
      const rows = Object.entries(imported).map(([name, total]) => `${name} ${total}`);
      console.log(`Imported ${file}: ${rows.join(', ')}.`);
      if (!backup.withPasswordHashes)
        console.log('The backup held no password hashes: every account sets a new password.');
    }
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError) && !(error instanceof SyntaxError)) throw error;
    console.error(`Cannot ${command} ${file}: ${error.message}`);
    return 1;
  } finally {
    await database.close();
  }
}
