/**
 * A server opens its whole PostgreSQL pool at start, so the first burst of
 * requests (a wave of browsers subscribing) does not wait for connections.
 * PostgreSQL only: PGlite has no pool.
 */
import { afterAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { openDatabase, type Database } from '@lepa/db';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const POOL_SIZE = 4;

describe.skipIf(!process.env.TEST_DATABASE_URL)('warming the pool', () => {
  let testDatabase: TestDatabase | undefined;
  let database: Database | undefined;
  let admin: postgres.Sql | undefined;
  afterAll(async () => {
    await database?.close();
    await admin?.end();
    await testDatabase?.drop();
  });

  it('opens every pooled connection before any request needs one', async () => {
    testDatabase = await createTestDatabase();
    database = await openDatabase({ databaseUrl: testDatabase.databaseUrl, maxConnections: POOL_SIZE });
    admin = postgres(testDatabase.databaseUrl!, { max: 1, onnotice: () => {} });
    const connections = async () => {
      const [row] = await admin!<{ count: string }[]>`
        select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
      return Number(row!.count);
    };
    expect(await connections()).toBeLessThan(POOL_SIZE);
    await database.warm();
    expect(await connections()).toBe(POOL_SIZE);
  });
});
