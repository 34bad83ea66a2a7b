import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@lepa/db';
import type { FastifyBaseLogger } from 'fastify';
import { Logger, makeWorkerUtils, run, runMigrations, type Runner, type WorkerUtils } from 'graphile-worker';

/** The one job: bring a lot's stored answer up to its revision. */
export const SOLVE_LOT_TASK = 'solve_lot';
/** A lot whose job keeps failing (database trouble, not the engine: its failures are stored) is left after this. */
const MAX_ATTEMPTS = 5;

export interface SolveLotPayload {
  lotId: string;
  k?: number;
}

function loggerFor(log: FastifyBaseLogger): Logger {
  return new Logger((scope) => (level, message, meta) => {
    const entry = { scope, ...meta };
    if (level === 'error') log.error(entry, message);
    else if (level === 'warning') log.warn(entry, message);
    else log.debug(entry, message);
  });
}

/** Installs or upgrades graphile-worker's schema (every process does this at start; it is idempotent). */
export async function installJobQueue(connectionString: string, log: FastifyBaseLogger) {
  await runMigrations({ connectionString, logger: loggerFor(log) });
}

/**
 * Background work is spread over this many jobs: one change's lots (often
 * hundreds) reach several workers at once, and each job brings a batch of
 * lots to its worker instead of one lot per trip to the queue.
 */
export const BACKGROUND_SHARDS = 16;

/** The shard of a lot id (as text), in SQL: the same expression where lots are queued and where they are read. */
export const shardOf = (lotIdText: SQL) => sql`(hashtext(${lotIdText}) & ${BACKGROUND_SHARDS - 1}::int)`;

/** A job carries the flag of its lot's shard, so workers that do not own the shard skip it (shard-owners.ts). */
export const SHARD_FLAG_PREFIX = 'shard:';

/** A job's payload: the lots someone waits for, or a shard whose stale lots to bring up to date. */
export type SolvePayload = SolveLotPayload[] | { shard: number };

/**
 * Queues lots. Background work (changes, reconciliation) queues the lots'
 * shards: a shard's job brings every lot of the shard whose stored answer is
 * older than its revision up to date, so its payload is the shard alone and
 * a burst of changes leaves at most one pending job per shard, however long
 * the workers take (a running job gets a fresh one after it). A lot someone
 * waits for (`waitedFor`) gets a job of its own, keyed by the lot and ahead
 * of the background, whose list of asks graphile-worker appends to while it
 * is pending. One statement for any number of lots; its insert wakes a
 * worker through LISTEN/NOTIFY.
 */
export async function enqueueLots(
  db: Executor,
  lotIds: readonly string[],
  options: { k?: number; waitedFor?: boolean },
) {
  if (lotIds.length === 0) return;
  const ids = sql`unnest(array[${sql.join(
    [...new Set(lotIds)].map((id) => sql`${id}`),
    sql`, `,
  )}]::text[]) as id`;
  const item = options.k
    ? sql`json_build_object('lotId', id, 'k', ${options.k}::int)`
    : sql`json_build_object('lotId', id)`;
  // A shard whose job is pending (not taken, never tried) needs no other: that job reads the shard's stale
  // lots when it starts, after this change committed. Skipping it keeps busy writers off the same job rows.
  // A job that failed and waits to retry is queued again, which runs it now.
  const jobs = options.waitedFor
    ? sql`select 'lot:' || id as job_key, json_agg(${item}) as payload, -10 as priority,
        array[${SHARD_FLAG_PREFIX}::text || ${shardOf(sql`id`)}] as flags from ${ids} group by id`
    : sql`select 'lots:' || shard as job_key, json_build_object('shard', shard) as payload, 0 as priority,
        array[${SHARD_FLAG_PREFIX}::text || shard] as flags
        from (select distinct ${shardOf(sql`id`)} as shard from ${ids}) as shards
        where not exists (select 1 from graphile_worker._private_jobs as pending
          where pending.key = 'lots:' || shards.shard and pending.locked_at is null and pending.attempts = 0)`;
  // Keys in one order everywhere: two writers enqueueing the same lots lock their jobs alike, not crosswise.
  const statement = sql`with wanted as (${jobs})
    select count(*) from (select 1 where exists (select 1 from wanted)) as any_wanted,
      lateral graphile_worker.add_jobs(array(
        select row(${SOLVE_LOT_TASK}, payload, null, null, ${MAX_ATTEMPTS}::int, job_key, priority, flags)
          ::graphile_worker.job_spec from wanted order by job_key)) as added`;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await db.execute(statement);
      return;
    } catch (error) {
      // A deadlock with a worker taking the same jobs: PostgreSQL rolled this one back, so it can simply go again.
      if (attempt >= ENQUEUE_ATTEMPTS || !isDeadlock(error)) throw error;
    }
  }
}

const ENQUEUE_ATTEMPTS = 3;

function isDeadlock(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause ?? (error as { code?: string });
  return cause?.code === '40P01';
}

/** Jobs waiting or running (the bench watches this drain). */
export async function queuedJobs(db: Executor): Promise<number> {
  const [row] = await db
    .select({ count: sql<string>`count(*)` })
    .from(sql`graphile_worker._private_jobs`)
    .where(sql`attempts < max_attempts`);
  return Number(row?.count ?? 0);
}

/**
 * A matching worker: graphile-worker's runner with `concurrency` jobs in
 * flight (they are solved in batches, so more jobs than threads), and a
 * reaper that hands the jobs of a worker that died mid-job to the others
 * once they have been locked longer than `lockTimeoutMs` (graphile-worker's
 * own expiry is four hours). Solves are bounded by the engine's time budget,
 * so a live worker never holds a lock that long.
 */
/**
 * Stopping releases this worker's jobs through the database; when the database does not answer,
 * shutdown goes on without it and the other workers' lock check hands those jobs on.
 */
const STOP_DEADLINE_MS = 5_000;

export async function startJobRunner(options: {
  connectionString: string;
  concurrency: number;
  lockTimeoutMs: number;
  log: FastifyBaseLogger;
  /** Flags of the jobs this worker leaves to others (the shards they own), asked before each job is taken. */
  forbiddenFlags: () => string[];
  /** `waitedMs`: how long the job had been due before this worker took it. */
  solve: (payload: SolvePayload, waitedMs: number) => Promise<void>;
}): Promise<{ stop: () => Promise<void> }> {
  const logger = loggerFor(options.log);
  const runner: Runner = await run({
    connectionString: options.connectionString,
    concurrency: options.concurrency,
    noHandleSignals: true,
    pollInterval: 1_000,
    forbiddenFlags: options.forbiddenFlags,
    logger,
    taskList: {
      // A job queued before shards and lists holds one lot.
      [SOLVE_LOT_TASK]: async (payload, helpers) =>
        options.solve(
          Array.isArray(payload) || (payload as { shard?: number }).shard !== undefined
            ? (payload as SolvePayload)
            : [payload as SolveLotPayload],
          Math.max(0, Date.now() - new Date(helpers.job.run_at).getTime()),
        ),
    },
  });
  const utils: WorkerUtils = await makeWorkerUtils({ connectionString: options.connectionString, logger });
  const reap = async () => {
    const { rows } = await utils.withPgClient((client) =>
      client.query<{ locked_by: string }>(
        `select distinct locked_by from graphile_worker._private_jobs
          where locked_at < now() - make_interval(secs => $1::float8 / 1000)`,
        [options.lockTimeoutMs],
      ),
    );
    if (rows.length === 0) return;
    options.log.warn({ workers: rows.map((r) => r.locked_by) }, 'released the jobs of matching workers that stopped');
    await utils.forceUnlockWorkers(rows.map((r) => r.locked_by));
  };
  const reaper = setInterval(
    () => void reap().catch((error) => options.log.warn({ err: error }, 'checking for stale job locks failed')),
    Math.max(250, Math.floor(options.lockTimeoutMs / 4)),
  );
  return {
    async stop() {
      clearInterval(reaper);
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<'gave-up'>(
        (resolve) => (timer = setTimeout(() => resolve('gave-up'), STOP_DEADLINE_MS)),
      );
      const stopped = Promise.all([runner.stop(), utils.release()]).then(() => 'stopped' as const);
      const outcome = await Promise.race([stopped, gaveUp]).finally(() => clearTimeout(timer));
      if (outcome === 'gave-up')
        options.log.warn('the job queue did not stop in time (database unreachable?); other workers release its jobs');
    },
  };
}
