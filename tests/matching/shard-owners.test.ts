import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { openDatabase, type Database } from '@lepa/db';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { queueClient } from '../support/bulk-firms.ts';
import { BACKGROUND_SHARDS, enqueueLots, installJobQueue } from '../../server/src/matching/job-queue.ts';
import { shardFlag, startShardOwnership, type ShardOwnership } from '../../server/src/matching/shard-owners.ts';

const log = Fastify({ logger: false }).log;
const everyShard = Array.from({ length: BACKGROUND_SHARDS }, (_, shard) => shard);

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) {
  const from = Date.now();
  while (!(await condition())) {
    if (Date.now() - from > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Lot affinity between matching workers: shards owned through advisory locks
 * on PostgreSQL (graphile-worker needs it, so these are skipped without TEST_DATABASE_URL).
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('shard ownership between matching workers', () => {
  let database: TestDatabase;
  let db: Database;
  const owners: ShardOwnership[] = [];
  const start = async (stealAfterMs = 60_000) => {
    const owner = await startShardOwnership({
      connectionString: database.databaseUrl!,
      log,
      roundMs: 50,
      stealAfterMs,
    });
    owners.push(owner);
    return owner;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await openDatabase({ databaseUrl: database.databaseUrl });
    await installJobQueue(database.databaseUrl!, log);
  });
  afterAll(async () => {
    for (const owner of owners) await owner.stop();
    await db?.close();
    await database?.drop();
  });

  it('splits the shards evenly, leaves each worker the others’ jobs, and hands a stopped worker’s shards on', async () => {
    const first = await start();
    expect(first.owned()).toEqual(everyShard);
    expect(first.forbiddenFlags()).toEqual([]);

    const second = await start();
    await until(
      () => first.owned().length === BACKGROUND_SHARDS / 2 && second.owned().length === BACKGROUND_SHARDS / 2,
      'the two workers hold half the shards each',
    );
    expect([...first.owned(), ...second.owned()].sort((a, b) => a - b)).toEqual(everyShard);
    await until(
      () => first.forbiddenFlags().length === BACKGROUND_SHARDS / 2,
      'the first worker has seen the second one’s shards',
    );
    expect([...first.forbiddenFlags()].sort()).toEqual(second.owned().map(shardFlag).sort());

    await second.stop();
    owners.splice(owners.indexOf(second), 1);
    await until(() => first.owned().length === BACKGROUND_SHARDS, 'the first worker owns every shard again');
    expect(first.forbiddenFlags()).toEqual([]);
    await first.stop();
    owners.splice(owners.indexOf(first), 1);
  });

  it('flags each job with its shard, and opens a shard whose jobs wait too long to every worker', async () => {
    const lotIds = Array.from(
      { length: 40 },
      (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    );
    const first = await start(300);
    const second = await start(300);
    await until(
      () =>
        first.forbiddenFlags().length === BACKGROUND_SHARDS / 2 &&
        second.forbiddenFlags().length === BACKGROUND_SHARDS / 2,
      'each worker leaves the other’s half',
    );

    await enqueueLots(db.db, lotIds, {});
    await enqueueLots(db.db, lotIds.slice(0, 1), { k: 5, waitedFor: true });
    const queue = queueClient(database.databaseUrl!);
    try {
      const jobs = await queue<{ key: string; flags: Record<string, boolean>; shard: number }[]>`
        select key, flags, (hashtext(${lotIds[0]!}) & ${BACKGROUND_SHARDS - 1}::int) as shard
        from graphile_worker._private_jobs`;
      for (const job of jobs) {
        const shard = job.key.startsWith('lots:') ? Number(job.key.slice(5)) : job.shard;
        expect(job.flags, job.key).toEqual({ [shardFlag(shard)]: true });
      }
      const queuedShards = jobs.filter((job) => job.key.startsWith('lots:')).map((job) => Number(job.key.slice(5)));
      // Nothing runs these jobs, so once they have waited past the delay each worker may take the other's.
      await until(
        () =>
          second
            .owned()
            .every((shard) => !queuedShards.includes(shard) || !first.forbiddenFlags().includes(shardFlag(shard))),
        'the first worker may take the second one’s waiting jobs',
      );
      expect(first.forbiddenFlags().length).toBeLessThan(BACKGROUND_SHARDS / 2);
    } finally {
      await queue.end();
    }
  });
});
