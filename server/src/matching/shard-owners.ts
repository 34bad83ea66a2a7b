import postgres from 'postgres';
import type { FastifyBaseLogger } from 'fastify';
import { BACKGROUND_SHARDS, SHARD_FLAG_PREFIX } from './job-queue.ts';

/**
 * PostgreSQL advisory lock key spaces (the first of two keys) of matching
 * workers: a member lock per worker (second key: its backend pid) and a lock
 * per shard held by the worker that owns it.
 */
const MEMBER_LOCKS = 0x4c455041;
const SHARD_LOCKS = MEMBER_LOCKS + 1;

/** The flag a lot's jobs carry: workers that do not own the shard skip them. */
export const shardFlag = (shard: number) => `${SHARD_FLAG_PREFIX}${shard}`;

interface Round {
  me: number;
  members: number;
  joined: boolean;
  /** Shards held by some worker, with its backend pid. */
  held: { shard: number; pid: number }[];
  /** Shards with a job nobody has taken for longer than the steal delay. */
  waiting: number[];
}

/**
 * Lot affinity between matching workers: each worker owns about an equal
 * share of the shards (session advisory locks on one connection of its own)
 * and skips the jobs of shards other workers own (graphile-worker's
 * forbidden flags), so a lot's jobs go to the worker whose solver thread
 * keeps the lot's model. A worker that stops or dies loses its locks with
 * its connection, and the others take its shards at their next round. A
 * shard whose jobs wait untaken longer than `stealAfterMs` (its owner is
 * stuck or overloaded) is open to every worker until they are taken.
 */
export async function startShardOwnership(options: {
  connectionString: string;
  log: FastifyBaseLogger;
  /** How often ownership is looked at and balanced. */
  roundMs: number;
  stealAfterMs: number;
}) {
  const sql = postgres(options.connectionString, { max: 1, idle_timeout: 0, onnotice: () => undefined });
  let forbidden: string[] = [];
  let owned: number[] = [];

  async function round() {
    const [state] = await sql<Round[]>`
      with here as (select oid from pg_database where datname = current_database()),
        advisory as (select classid::bigint as space, objid::bigint as key, pid from pg_locks, here
          where locktype = 'advisory' and objsubid = 2 and granted and database = here.oid)
      select pg_backend_pid() as me,
        (select count(distinct pid)::int from advisory where space = ${MEMBER_LOCKS}) as members,
        exists (select 1 from advisory where space = ${MEMBER_LOCKS} and pid = pg_backend_pid()) as joined,
        (select coalesce(json_agg(json_build_object('shard', key, 'pid', pid)), '[]'::json)
          from advisory where space = ${SHARD_LOCKS}) as held,
        (select coalesce(json_agg(distinct substr(flag, ${SHARD_FLAG_PREFIX.length + 1})::int), '[]'::json)
          from graphile_worker._private_jobs, jsonb_object_keys(flags) as flag
          where locked_at is null and starts_with(flag, ${SHARD_FLAG_PREFIX}) and attempts < max_attempts
            and run_at < now() - make_interval(secs => ${options.stealAfterMs / 1000})) as waiting`;
    const { me, held, waiting } = state!;
    let members = state!.members;
    if (!state!.joined) {
      await sql`select pg_advisory_lock(${MEMBER_LOCKS}, pg_backend_pid())`;
      members += 1;
    }
    const target = Math.ceil(BACKGROUND_SHARDS / Math.max(1, members));
    const mine = held.filter((h) => h.pid === me).map((h) => h.shard);
    const taken = new Set(held.map((h) => h.shard));
    if (mine.length > target) {
      const released = mine.sort((a, b) => a - b).slice(target);
      await sql`select pg_advisory_unlock(${SHARD_LOCKS}, shard) from unnest(${released}::int[]) as shard`;
      mine.length = target;
    } else if (mine.length < target) {
      const free: number[] = [];
      for (let shard = 0; shard < BACKGROUND_SHARDS && free.length < target - mine.length; shard++)
        if (!taken.has(shard)) free.push(shard);
      if (free.length > 0) {
        const locked = await sql<{ shard: number }[]>`select shard from unnest(${free}::int[]) as shard
          where pg_try_advisory_lock(${SHARD_LOCKS}, shard)`;
        mine.push(...locked.map((row) => row.shard));
      }
    }
    const open = new Set(waiting);
    owned = mine.sort((a, b) => a - b);
    forbidden = held.filter((h) => h.pid !== me && !open.has(h.shard)).map((h) => shardFlag(h.shard));
  }

  await round();
  let stopped = false;
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    // One round at a time: two that read the same free shards would both lock them, and session locks stack.
    if (stopped || running) return;
    running = round()
      .catch((error: unknown) => {
        // Without a fresh look no shard is forbidden: better any worker than a job left waiting.
        forbidden = [];
        if (!stopped) options.log.warn({ err: error }, 'balancing matching shards failed');
      })
      .finally(() => (running = undefined));
  }, options.roundMs);

  return {
    /** graphile-worker asks before taking each job. */
    forbiddenFlags: () => forbidden,
    /** The shards this worker owns now. */
    owned: () => owned,
    async stop() {
      stopped = true;
      clearInterval(timer);
      // Closed at once, a round in flight included (a stalled database must not hold shutdown up): closing
      // the connection releases every lock it holds, so nothing is left half done.
      await sql.end({ timeout: 0 });
    },
  };
}
export type ShardOwnership = Awaited<ReturnType<typeof startShardOwnership>>;
