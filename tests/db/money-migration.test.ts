/**
 * The money migration on a database that already holds money as double
 * precision: migrations up to the one before it, rows with awkward values,
 * then the migration itself; every amount must come out as the exact pennies
 * of the decimal that was entered, halves rounded away from zero. Runs on
 * PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { eq } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { consortia, lots, smeCapabilities } from '@lepa/db';
import { createTestDatabase } from '../support/database.ts';

const MIGRATIONS = fileURLToPath(new URL('../../db/migrations', import.meta.url));
const MONEY_MIGRATION = 'money_in_pennies';

/** A copy of the migrations folder whose journal stops just before the money migration. */
function migrationsBeforeMoney(): string {
  const folder = mkdtempSync(join(tmpdir(), 'lepa-migrations-'));
  cpSync(MIGRATIONS, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((entry) => entry.tag.endsWith(MONEY_MIGRATION));
  expect(index, 'the money migration is in the journal').toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, index);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

/** Amounts as double precision computes them, and the pennies each must become. */
const AWKWARD = [
  { pounds: 0.1 + 0.2, pennies: '30' }, // 0.30000000000000004
  { pounds: 19_999.995, pennies: '2000000' }, // the double is 19999.99499999999898..., entered as 19,999.995
  { pounds: 2.675, pennies: '268' }, // the double is 2.67499999999999982...
  { pounds: 1.005, pennies: '101' }, // the double is 1.00499999999999989...
  { pounds: 0.125, pennies: '13' }, // an exact half penny: away from zero
  { pounds: 1234.56, pennies: '123456' },
  { pounds: 0, pennies: '0' },
];

interface Connection {
  /** One statement with positional parameters. */
  run(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  migrate(folder: string): Promise<void>;
  db: ReturnType<typeof drizzlePglite>;
  close(): Promise<void>;
}

async function connect(databaseUrl: string | undefined): Promise<Connection> {
  if (!databaseUrl) {
    const client = new PGlite();
    const db = drizzlePglite({ client, casing: 'snake_case' });
    return {
      run: async (text, params) => (await client.query<Record<string, unknown>>(text, params)).rows,
      migrate: (folder) => migratePglite(db, { migrationsFolder: folder }),
      db,
      close: () => client.close(),
    };
  }
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const db = drizzlePostgres({ client, casing: 'snake_case' });
  return {
    run: async (text, params) => [...(await client.unsafe(text, params as postgres.ParameterOrJSON<never>[]))],
    migrate: (folder) => migratePostgres(db, { migrationsFolder: folder }),
    db: db as unknown as ReturnType<typeof drizzlePglite>,
    close: () => client.end({ timeout: 5 }),
  };
}

/** Rows as the schema before the money migration wants them: one of each money column per awkward amount. */
async function insertPreMigrationRows(connection: Connection) {
  const [user] = await connection.run(
    `insert into users (email, name, role, password_hash) values ('money@example.test', 'Money', 'sme', 'x') returning id`,
  );
  const ids: { sme: string; lot: string; consortium: string }[] = [];
  for (const [index, { pounds }] of AWKWARD.entries()) {
    const [sme] = await connection.run(
      `insert into smes (owner_id, name, lat, lon, service_radius_km, employees, ownership, real_living_wage,
        apprentices, local_employees_pct, charter_signatory)
       values ($1, $2, 52.48, -1.9, 30, 5, 'independent', true, 0, 50, false) returning id`,
      [user!.id, `Firm ${index}`],
    );
    await connection.run(
      `insert into sme_capabilities (sme_id, skill, capacity_per_month, unit_price) values ($1, 'loft-insulation', 10, $2::float8)`,
      [sme!.id, pounds],
    );
    const [lot] = await connection.run(
      `insert into lots (owner_id, title, lat, lon, homes, start_date, end_date, max_members, social_value_weight,
        travel_cost_per_unit_km, coordination_cost_per_member)
       values ($1, $2, 52.48, -1.9, 10, '2027-03-01', '2027-04-01', 6, 1, $3::float8, $3::float8) returning id`,
      [user!.id, `Lot ${index}`, pounds],
    );
    const [consortium] = await connection.run(
      `insert into consortia (lot_id, lead_sme_id, created_by, cost, proposal)
       values ($1, $2, $3, $4::float8, '{}'::jsonb) returning id`,
      [lot!.id, sme!.id, user!.id, pounds],
    );
    ids.push({ sme: sme!.id as string, lot: lot!.id as string, consortium: consortium!.id as string });
  }
  // The values really are the awkward doubles before the migration.
  const [stored] = await connection.run(`select unit_price from sme_capabilities where sme_id = $1`, [ids[0]!.sme]);
  expect(stored!.unit_price).toBe(0.1 + 0.2);
  return ids;
}

describe('money migration: double precision GBP to bigint pennies', () => {
  const folders: string[] = [];
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  // PGlite starts and migrates twice here: slow on a busy machine.
  it(
    'converts every money column exactly, halves away from zero, and reads back as pounds',
    { timeout: 180_000 },
    async () => {
      const database = await createTestDatabase();
      const connection = await connect(database.databaseUrl);
      try {
        const before = migrationsBeforeMoney();
        folders.push(before);
        await connection.migrate(before);
        const ids = await insertPreMigrationRows(connection);

        await connection.migrate(MIGRATIONS);

        const types = await connection.run(
          `select table_name || '.' || column_name as column, data_type from information_schema.columns
         where (table_name, column_name) in (('sme_capabilities', 'unit_price'), ('lots', 'travel_cost_per_unit_km'),
           ('lots', 'coordination_cost_per_member'), ('consortia', 'cost')) order by 1`,
        );
        expect(types.map((t) => [t.column, t.data_type])).toEqual([
          ['consortia.cost', 'bigint'],
          ['lots.coordination_cost_per_member', 'bigint'],
          ['lots.travel_cost_per_unit_km', 'bigint'],
          ['sme_capabilities.unit_price', 'bigint'],
        ]);
        for (const [index, { pennies }] of AWKWARD.entries()) {
          const { sme, lot, consortium } = ids[index]!;
          const [row] = await connection.run(
            `select (select unit_price::text from sme_capabilities where sme_id = $1) as unit_price,
             (select travel_cost_per_unit_km::text from lots where id = $2) as travel,
             (select coordination_cost_per_member::text from lots where id = $2) as coordination,
             (select cost::text from consortia where id = $3) as cost`,
            [sme, lot, consortium],
          );
          expect(row, `${AWKWARD[index]!.pounds}`).toEqual({
            unit_price: pennies,
            travel: pennies,
            coordination: pennies,
            cost: pennies,
          });
          // Through the schema, as the stores read them: pounds, the double nearest the decimal.
          const pounds = Number(pennies) / 100;
          const [capability] = await connection.db
            .select({ unitPrice: smeCapabilities.unitPrice })
            .from(smeCapabilities)
            .where(eq(smeCapabilities.smeId, sme));
          const [lotRow] = await connection.db
            .select({ travel: lots.travelCostPerUnitKm, coordination: lots.coordinationCostPerMember })
            .from(lots)
            .where(eq(lots.id, lot));
          const [consortiumRow] = await connection.db
            .select({ cost: consortia.cost })
            .from(consortia)
            .where(eq(consortia.id, consortium));
          expect([capability!.unitPrice, lotRow!.travel, lotRow!.coordination, consortiumRow!.cost]).toEqual([
            pounds,
            pounds,
            pounds,
            pounds,
          ]);
        }
        expect(Number(AWKWARD[1]!.pennies) / 100).toBe(20_000);
      } finally {
        await connection.close();
        await database.drop();
      }
    },
  );
});
