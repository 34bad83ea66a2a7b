import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import * as schema from '@lepa/db';
import { users } from '@lepa/db';
import { loadDemoDataIfEmpty } from '../../server/src/demo/load.ts';
import { exportBackup, importBackup, readBackup, type Backup } from '../../server/src/backup/backup.ts';
import { BACKUP_TABLES, EXCLUDED_TABLES, NO_PASSWORD } from '../../server/src/backup/tables.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { register, type Account } from '../support/fixtures.ts';
import { call } from '../support/http.ts';
import { buildMarket, formConsortium } from '../fixtures/consortia.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/** Every lot's proposals as the API answers them, by lot id. */
async function proposalsOfEveryLot(test: TestApp, as: Account): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  let cursor: string | null = null;
  do {
    const page = await call(test.app, 'GET', `/api/lots?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { as });
    expect(page.status, page.text).toBe(200);
    for (const lot of page.body.items as { id: string }[]) {
      const answer = await call(test.app, 'GET', `/api/lots/${lot.id}/proposals?limit=5`, { as });
      expect(answer.status, answer.text).toBe(200);
      // `version` numbers the changes each database has seen, which differ by design; the answer itself must not.
      const { version: _version, ...sameInEveryDatabase } = answer.body as { version: number };
      answers[lot.id] = sameInEveryDatabase;
    }
    cursor = page.body.nextCursor as string | null;
  } while (cursor);
  return answers;
}

/** A backup as it travels: through JSON text, as the CLI writes and reads it. */
const throughJson = (backup: Backup): Backup => readBackup(JSON.parse(JSON.stringify(backup)));

/**
 * Backups: `pnpm lepa export` / `import` of the whole dataset. The round trip on the demo data (plus
 * a submitted bid, so bookings travel too) gives the same proposals for every lot and the same rows.
 */
describe('backups', () => {
  let source: TestApp;
  let backup: Backup;
  beforeAll(async () => {
    source = await startTestApp();
    await loadDemoDataIfEmpty(source.app.database.db);
    const market = await buildMarket(source.app);
    const consortium = await formConsortium(source.app, market, { accepted: true });
    const submitted = await call(source.app, 'POST', `/api/consortia/${consortium}/submit`, { as: market.lead });
    expect(submitted.status, submitted.text).toBe(200);
    backup = await exportBackup(source.app.database.db, { withPasswordHashes: true });
  }, 300_000);
  afterAll(() => source?.close());

  it('covers every table of the drizzle schema, or says why not', () => {
    const tables = Object.values(schema as Record<string, unknown>).flatMap((value) =>
      is(value, PgTable) ? [getTableName(value)] : [],
    );
    const listed = new Set([...BACKUP_TABLES.map(({ table }) => getTableName(table)), ...Object.keys(EXCLUDED_TABLES)]);
    const forgotten = tables.filter((name) => !listed.has(name));
    expect(forgotten, `add these tables to server/src/backup/tables.ts: ${forgotten.join(', ')}`).toEqual([]);
  });

  it(
    'restores into an empty database with the same proposals for every lot and the same rows',
    { timeout: 600_000 },
    async () => {
      const restored = await startTestApp();
      try {
        const counts = await importBackup(restored.app.database.db, throughJson(backup));
        expect(counts.bookings).toBeGreaterThan(0);
        expect(counts.smes).toBeGreaterThanOrEqual(320);

        const [before, after] = [await register(source.app, 'provider'), await register(restored.app, 'provider')];
        const expected = await proposalsOfEveryLot(source, before);
        expect(Object.keys(expected).length).toBeGreaterThanOrEqual(24);
        expect(await proposalsOfEveryLot(restored, after)).toEqual(expected);

        // Row for row, apart from the two sign-up accounts made just now.
        const again = await exportBackup(restored.app.database.db, { withPasswordHashes: true });
        const withoutNewAccounts = (b: Backup) => ({
          ...b.tables,
          users: b.tables.users!.filter((u) => u.id !== before.id && u.id !== after.id),
        });
        expect(JSON.parse(JSON.stringify(withoutNewAccounts(again)))).toEqual(
          JSON.parse(JSON.stringify(withoutNewAccounts(backup))),
        );
        // A serial column's sequence moved past the restored rows: a new booking does not collide.
        const market = await buildMarket(restored.app);
        const consortium = await formConsortium(restored.app, market, { accepted: true });
        expect(
          (await call(restored.app, 'POST', `/api/consortia/${consortium}/submit`, { as: market.lead })).status,
        ).toBe(200);

        await expect(importBackup(restored.app.database.db, throughJson(backup))).rejects.toThrow(/not empty/);
      } finally {
        await restored.close();
      }
    },
  );

  it(
    'leaves password hashes out unless asked; such accounts sign in with no password',
    { timeout: 300_000 },
    async () => {
      const plain = await exportBackup(source.app.database.db, { withPasswordHashes: false });
      expect(plain.withPasswordHashes).toBe(false);
      expect(plain.tables.users!.every((user) => !('passwordHash' in user))).toBe(true);
      expect(JSON.stringify(plain)).not.toContain('scrypt$');

      const restored = await startTestApp();
      try {
        await importBackup(restored.app.database.db, throughJson(plain));
        const rows = await restored.app.database.db.select({ passwordHash: users.passwordHash }).from(users);
        expect(new Set(rows.map((row) => row.passwordHash))).toEqual(new Set([NO_PASSWORD]));
        const login = await call(restored.app, 'POST', '/api/auth/login', {
          payload: { email: 'lead@demo.lepa.test', password: 'lepa-demo-2027' },
        });
        expect(login.status).toBe(401);
      } finally {
        await restored.close();
      }
    },
  );

  it('refuses what is not a backup of this version', () => {
    expect(() => readBackup({ hello: 1 })).toThrow(/not a Lepa backup/);
    expect(() => readBackup({ ...backup, version: 99 })).toThrow(/version 99/);
    expect(() => readBackup({ ...backup, tables: { ...backup.tables, mystery: [] } })).toThrow(/mystery/);
  });

  it('runs as `pnpm lepa export` and `pnpm lepa import` on a PGlite folder', { timeout: 300_000 }, async () => {
    const folder = mkdtempSync(join(tmpdir(), 'lepa-backup-'));
    try {
      const file = join(folder, 'backup.json');
      writeFileSync(file, JSON.stringify(backup));
      const cli = (...args: string[]) =>
        promisify(execFile)(
          process.execPath,
          ['--conditions=lepa-source', '--import', 'tsx', 'server/src/cli.ts', ...args],
          { cwd: repo, env: { ...process.env, DATABASE_URL: '', LEPA_DATA_DIR: join(folder, 'data') } },
        );
      const imported = await cli('import', file);
      expect(imported.stdout).toMatch(/Imported .*users \d+/);
      const copy = join(folder, 'copy.json');
      const exported = await cli('export', copy);
      expect(exported.stdout).toMatch(/without password hashes/);
      const written = readBackup(JSON.parse(readFileSync(copy, 'utf8')));
      expect(written.tables.smes).toEqual(JSON.parse(JSON.stringify(backup.tables.smes)));
      await expect(cli('import', file)).rejects.toMatchObject({ stderr: expect.stringMatching(/not empty/) });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
