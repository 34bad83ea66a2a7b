/**
 * The change bus sends the broadcasts of many writes in one statement: every
 * payload must arrive, whole and in the order given, on PGlite and PostgreSQL.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@lepa/db';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

describe('notifying many payloads at once', () => {
  let testDatabase: TestDatabase | undefined;
  let database: Database | undefined;
  afterAll(async () => {
    await database?.close();
    await testDatabase?.drop();
  });

  it('delivers each payload once, in order, including quotes, commas and long ones', async () => {
    testDatabase = await createTestDatabase();
    database = await openDatabase({ databaseUrl: testDatabase.databaseUrl, dataDir: testDatabase.dataDir });
    const received: string[] = [];
    const unlisten = await database.listen('lepa_notify_test', (payload) => received.push(payload));
    const payloads = [
      JSON.stringify({ kind: 'lots', lotIds: ['a', 'b'], seq: 1 }),
      'with "quotes", commas, and a \\ backslash',
      'x'.repeat(7_000),
      ...Array.from({ length: 40 }, (_, i) => `payload ${i}`),
    ];
    await database.notify('lepa_notify_test', payloads.slice(0, 3));
    await database.notify('lepa_notify_test', payloads.slice(3));
    await database.notify('lepa_notify_test', []);
    const deadline = Date.now() + 5_000;
    while (received.length < payloads.length && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received).toEqual(payloads);
    await unlisten();
  });
});
