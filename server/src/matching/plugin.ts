import { queueDepth } from '../infra/metrics.ts';
import fp from 'fastify-plugin';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { lotAnswers, lots } from '@lepa/db';
import type { ProposalsAnswer } from '@lepa/shared';
import { createLotStore } from '../lots/store.ts';
import type { AnnouncedAnswer, Broadcast } from '../changes/change-event.ts';
import { createAnswerCache, servedAnswer } from './answer-cache.ts';
import { moved, type StandingAnswer, type StoredAnswer } from './answer-store.ts';
import { enqueueLots, installJobQueue, queuedJobs, shardOf, startJobRunner } from './job-queue.ts';
import { createLotSolver, DEFAULT_PROPOSALS } from './lot-solver.ts';
import { emptyMatchingStats, type MatchingStats } from './matching-stats.ts';
import { createMarket } from './market.ts';
import { createSolverPool, type SolverPoolStats } from './solver-pool.ts';
import { startShardOwnership, type ShardOwnership } from './shard-owners.ts';
import { coalescing } from '../common/coalescing.ts';

export type Role = 'web' | 'worker' | 'all';

export interface MatchingOptions {
  /** The PostgreSQL URL (the job queue lives there); absent on PGlite. */
  databaseUrl?: string | undefined;
  /** `web`: serves and relays, never solves; `worker`: solves queued lots; `all` (default): both. */
  role?: Role;
  /** PostgreSQL: jobs (each a list of lots) one worker process holds at once; the rest go to other processes. */
  concurrency?: number;
  /** Solver threads per matching process. */
  threads?: number;
  /** PostgreSQL: a job locked this long belongs to a worker that died and is handed to another. */
  lockTimeoutMs?: number;
  /** How long a request waits for a missing answer before 503. */
  waitTimeoutMs?: number;
}

/** How often matching workers look at who owns which shard and even out their shares. */
const SHARD_ROUND_MS = 1_000;

/** Open lots whose answers a web instance reads as it starts (a few kilobytes each). */
const WARM_LOTS = 5_000;

/** Answers per announcement: NOTIFY payloads stay under 8,000 bytes (an answer that stands takes about 130). */
const ANSWERS_PER_NOTIFY = 50;

declare module 'fastify' {
  interface FastifyInstance {
    matching: {
      readonly role: Role;
      /** GET /api/lots/:id/proposals and first snapshots: the stored answer for the lot's current revision. */
      /** `followed`: for a board subscriber, who is sent every later answer (see AnswerCache.current). */
      answer(
        lotId: string,
        k?: number,
        options?: { followed?: boolean },
      ): Promise<{ answer: ProposalsAnswer; fromCache: boolean }>;
      /** Called with every answer stored anywhere that this instance's board watches. */
      onStored(listener: (stored: StoredAnswer) => void): void;
      /** Which lots the board watches here (their answers are read as soon as they are announced). */
      watch(isWatched: (lotId: string) => boolean): void;
      /** This process's solver counters (zero on a web instance). */
      readonly stats: Readonly<MatchingStats>;
      readonly poolStats: Readonly<SolverPoolStats> | undefined;
      /** Lots waiting or being solved: queued jobs on PostgreSQL, this process's queue on PGlite. */
      pending(): Promise<number>;
      /** The job-queue shards this matching worker owns (PostgreSQL); undefined where it takes no jobs. */
      ownedShards(): number[] | undefined;
    };
  }
}

/**
 * The matching service. Every change published here queues the lots it
 * touched; matching workers (graphile-worker jobs on PostgreSQL, this
 * process's solver threads on PGlite) bring each lot's stored answer up to
 * its revision, once, and announce it; web instances relay stored answers.
 */
export default fp<MatchingOptions>(
  async (app, options) => {
    const role = options.role ?? 'all';
    const db = app.database.db;
    const connectionString = app.database.kind === 'postgres' ? options.databaseUrl : undefined;
    if (!connectionString && role !== 'all')
      throw new Error(
        `LEPA_ROLE=${role} needs PostgreSQL (DATABASE_URL); embedded PGlite runs everything in one process`,
      );
    if (connectionString) await installJobQueue(connectionString, app.log);

    const solves = role !== 'web';
    const market = solves ? createMarket({ db }) : undefined;
    const pool = solves ? createSolverPool({ threads: options.threads ?? 1 }) : undefined;
    const storedListeners: ((stored: StoredAnswer) => void)[] = [];
    let isWatched: (lotId: string) => boolean = () => false;

    async function announce(stored: StoredAnswer[], standing: StandingAnswer[]) {
      for (const answer of [...stored, ...standing.map((s) => s.answer)])
        if (cache.offer(answer)) for (const listener of storedListeners) listener(answer);
      const announced: AnnouncedAnswer[] = [
        ...stored.map((a) => ({ lotId: a.lotId, revision: a.revision })),
        ...standing.map(({ from, answer }) => ({
          lotId: answer.lotId,
          revision: answer.revision,
          stands: { changeSeq: answer.changeSeq, from: [from.revision, from.changeSeq] as [number, number] },
        })),
      ];
      for (let start = 0; start < announced.length; start += ANSWERS_PER_NOTIFY)
        await app.broadcast({ kind: 'answers', answers: announced.slice(start, start + ANSWERS_PER_NOTIFY) });
    }

    const solver =
      market && pool
        ? createLotSolver({ db, lotStore: createLotStore(db), market, pool, announce, log: app.log })
        : undefined;

    // Background work from changes committed meanwhile goes in one statement.
    const enqueueChanged = coalescing<readonly string[]>((lotIdLists) => enqueueLots(db, lotIdLists.flat(), {}));

    async function enqueue(lotIds: readonly string[], waited?: { k: number }) {
      if (connectionString)
        return waited ? enqueueLots(db, lotIds, { k: waited.k, waitedFor: true }) : enqueueChanged(lotIds);
      // PGlite: this process is the only worker; its solver queue coalesces and batches.
      for (const lotId of lotIds)
        solver!
          .request(lotId, waited?.k)
          .catch((error) => app.log.error({ err: error, lotId }, 'solving a lot failed'));
    }

    const cache = createAnswerCache({
      db,
      // A request someone waits for goes before the background work.
      enqueue: (lotId, k) => enqueue([lotId], { k }),
      waitTimeoutMs: options.waitTimeoutMs ?? 30_000,
    });

    app.onPublished(async (change) => {
      if (change.lotIds.length === 0) return;
      // Before the write's request is answered: its own instance never serves the lots' states from before it.
      cache.lotsChanged(change.lotIds);
      // The change is committed: a queue failure must not fail its request. The lots' answers are stale, and
      // stale answers are queued again when asked for and at every worker's reconciliation.
      await enqueue(change.lotIds).catch((error: unknown) =>
        app.log.warn({ err: error, lots: change.lotIds.length }, 'could not queue the lots a change affected'),
      );
    });

    /**
     * Lots whose stored answer is missing (open lots) or older than their revision (any lot: a closed lot's
     * answer becomes its refusal), in one shard or all. A crash between a change's commit and its enqueue heals
     * at the next job of the shard or the next reconciliation.
     */
    async function staleLotIds(shard?: number): Promise<string[]> {
      const rows = await db
        .select({ id: lots.id })
        .from(lots)
        .leftJoin(lotAnswers, eq(lotAnswers.lotId, lots.id))
        .where(
          and(
            or(and(eq(lots.status, 'open'), isNull(lotAnswers.lotId)), lt(lotAnswers.revision, lots.revision)),
            shard === undefined ? undefined : sql`${shardOf(sql`${lots.id}::text`)} = ${shard}`,
          ),
        );
      return rows.map((row) => row.id);
    }

    async function reconcile() {
      const stale = await staleLotIds();
      if (stale.length > 0) app.log.info({ lots: stale.length }, 'queued lots whose stored answers are stale');
      await enqueue(stale);
    }

    const onBroadcast = async (broadcast: Broadcast) => {
      void market?.apply(broadcast);
      if (broadcast.kind === 'lots') cache.lotsChanged(broadcast.lotIds);
      if (broadcast.kind === 'resync') {
        cache.forgetEverything();
        if (solves) await reconcile();
        return;
      }
      if (broadcast.kind !== 'answers') return;
      const wanted: string[] = [];
      for (const { lotId, revision, stands } of broadcast.answers) {
        const cached = cache.cached(lotId);
        if (cached && cached.revision >= revision) continue;
        if (!isWatched(lotId)) {
          cache.forget(lotId);
          continue;
        }
        // The answer held here stands: move it on rather than read the same answer again.
        const [fromRevision, fromChangeSeq] = stands?.from ?? [];
        if (
          stands &&
          cached?.kind === 'proposals' &&
          cached.revision === fromRevision &&
          cached.changeSeq === fromChangeSeq
        ) {
          const answer = moved(cached, { revision, changeSeq: stands.changeSeq, method: cached.method });
          if (cache.offer(answer)) for (const listener of storedListeners) listener(answer);
          continue;
        }
        wanted.push(lotId);
      }
      for (const stored of await cache.read(wanted)) for (const listener of storedListeners) listener(stored);
    };
    app.onBroadcast((broadcast) => {
      onBroadcast(broadcast).catch((error) => app.log.error({ err: error }, 'applying a broadcast to matching failed'));
    });

    // Boards reconnect together when an instance restarts: their first snapshots come from memory. Only a
    // head start: should the read fail, the instance serves anyway and reads answers as they are asked for.
    if (role !== 'worker')
      app.addHook('onReady', async () => {
        await cache.warm(WARM_LOTS).then(
          (lots) => app.log.info({ lots }, 'read the stored answers of open lots'),
          (error: unknown) => app.log.warn({ err: error }, 'could not read the stored answers of open lots at start'),
        );
      });

    let runner: { stop: () => Promise<void> } | undefined;
    let shards: ShardOwnership | undefined;
    app.addHook('onReady', async () => {
      if (!solver) return;
      if (connectionString) {
        const lockTimeoutMs = options.lockTimeoutMs ?? 30_000;
        // A lot's jobs go to the worker that owns its shard, whose solver thread keeps the lot's model.
        shards = await startShardOwnership({
          connectionString,
          log: app.log,
          roundMs: SHARD_ROUND_MS,
          stealAfterMs: lockTimeoutMs,
        });
        runner = await startJobRunner({
          connectionString,
          concurrency: options.concurrency ?? 8,
          lockTimeoutMs,
          forbiddenFlags: shards.forbiddenFlags,
          log: app.log,
          solve: async (payload, waitedMs) => {
            solver.stats.jobs += 1;
            solver.stats.jobWaitMs += waitedMs;
            const asks = Array.isArray(payload)
              ? payload
              : (await staleLotIds(payload.shard)).map((lotId) => ({ lotId, k: undefined }));
            await Promise.all(asks.map((ask) => solver.request(ask.lotId, ask.k ?? DEFAULT_PROPOSALS)));
          },
        });
      }
      await reconcile();
    });
    // The job queue is shared by every worker, so each instance reports the same depth; without workers on
    // PostgreSQL, the lots this process has waiting for its solver threads.
    app.beforeMetricsScrape(async () => {
      queueDepth.labels('matching').set(connectionString ? await queuedJobs(db) : (solver?.queuedLots() ?? 0));
    });
    app.addHook('preClose', async () => {
      solver?.clear();
      await runner?.stop();
      await shards?.stop();
      await pool?.close();
    });

    app.decorate('matching', {
      role,
      async answer(lotId: string, k = DEFAULT_PROPOSALS, answerOptions: { followed?: boolean } = {}) {
        const { stored, fromCache } = await cache.current(lotId, k, answerOptions);
        return { answer: servedAnswer(stored, k), fromCache };
      },
      onStored(listener: (stored: StoredAnswer) => void) {
        storedListeners.push(listener);
      },
      watch(watched: (lotId: string) => boolean) {
        isWatched = watched;
      },
      stats: solver?.stats ?? emptyMatchingStats(),
      poolStats: pool?.stats,
      async pending() {
        if (connectionString) return queuedJobs(db);
        return solver!.idle() ? 0 : 1;
      },
      ownedShards: () => shards?.owned(),
    });
  },
  { name: 'matching', dependencies: ['database', 'changes', 'metrics'] },
);
