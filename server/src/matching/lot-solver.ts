import { inArray } from 'drizzle-orm';
import { lots, type Executor } from '@lepa/db';
import type { Lot, ProposalsAnswer } from '@lepa/shared';
import { settleFirmChanges, type EngineResult } from '@lepa/engine';
import type { FastifyBaseLogger } from 'fastify';
import type { LotStore } from '../lots/store.ts';
import {
  advanceAnswers,
  moved,
  readAnswers,
  writeAnswers,
  type StandingAnswer,
  type StoredAnswer,
} from './answer-store.ts';
import { issuedSeq, type Market } from './market.ts';
import type { SolverPool } from './solver-pool.ts';
import { engineSolveDuration } from '../infra/metrics.ts';
import type { SolveMethod, SolveTask } from './solve-task.ts';
import { toEngineLot } from './engine-input.ts';

/** The board and the API ask for five unless told otherwise; answers are stored at this size or larger. */
export const DEFAULT_PROPOSALS = 5;
/** Lots prepared together: one round of queries. */
const MAX_BATCH = 32;
/** Lots per trip to the solver thread: their answers are stored and announced together. */
const SOLVED_TOGETHER = 4;

export interface MatchingStats {
  /** Lots the engine searched: full solves, warm-started full solves, merges. */
  solves: number;
  full: number;
  warm: number;
  merge: number;
  /** Lots whose previous answer provably stands (the engine's bound) or stands by the only-got-worse rule. */
  skippedProven: number;
  skippedHeuristic: number;
  /** Lots whose stored answer was already current when their job ran (a duplicate or coalesced job). */
  upToDate: number;
  /** Lots the engine failed on (stored as an error answer, not retried). */
  failed: number;
  /** Time in the engine, summed over lots. */
  engineMs: number;
  /** Batches prepared and the lots they held (a batch is one round of queries; its lots that need the engine go to the solver thread a few at a time). */
  batches: number;
  batchLots: number;
  /** Wall time of the batches by phase, summed: where a change's latency goes. */
  phaseMs: BatchPhases;
  /** Jobs taken from the queue (PostgreSQL) and how long they had waited there, summed. */
  jobs: number;
  jobWaitMs: number;
}

export interface BatchPhases {
  /** Revisions, change log, lots, previous answers, bookings. */
  read: number;
  /** Lots settled on this thread without a model (changed firms' offers, rivals). */
  settle: number;
  /** The lots that need the engine made ready for the solver thread (which finds their candidates itself). */
  input: number;
  /** The solver threads' answers (wall time, transfer included). */
  solve: number;
  /** Answers written and announced. */
  store: number;
}

export const emptyMatchingStats = (): MatchingStats => ({
  solves: 0,
  full: 0,
  warm: 0,
  merge: 0,
  skippedProven: 0,
  skippedHeuristic: 0,
  upToDate: 0,
  failed: 0,
  engineMs: 0,
  batches: 0,
  batchLots: 0,
  phaseMs: { read: 0, settle: 0, input: 0, solve: 0, store: 0 },
  jobs: 0,
  jobWaitMs: 0,
});

const COUNTERS = {
  full: 'full',
  warm: 'warm',
  merge: 'merge',
  'skipped-proven': 'skippedProven',
  'skipped-heuristic': 'skippedHeuristic',
} as const satisfies Record<SolveMethod, keyof MatchingStats>;

type AnswerBase = Pick<StoredAnswer, 'lotId' | 'revision' | 'changeSeq' | 'lotVersion' | 'k'>;

function proposalsAnswer(base: AnswerBase, method: SolveMethod, result: EngineResult): StoredAnswer {
  return {
    ...base,
    method,
    kind: 'proposals',
    answer: {
      lotId: base.lotId,
      version: base.revision,
      status: result.status,
      feasible: result.feasible,
      proposals: result.proposals,
      unmet: result.unmet,
    },
  };
}

interface Request {
  k: number;
  done: { resolve: () => void; reject: (error: unknown) => void }[];
}

/** A prepared batch: answers ready to store, answers that stand, and the lots for the solver thread. */
interface Prepared {
  ready: StoredAnswer[];
  standing: StandingAnswer[];
  tasks: { task: SolveTask; base: AnswerBase; before?: StoredAnswer }[];
}

function resultOf(answer: ProposalsAnswer): EngineResult {
  return {
    status: answer.status,
    feasible: answer.feasible,
    proposals: answer.proposals as EngineResult['proposals'],
    unmet: answer.unmet as EngineResult['unmet'],
    stats: { firms: 0, candidates: 0, searched: 0, nodes: 0, elapsedMs: 0 },
  };
}

/**
 * Brings lots' stored answers up to their current revision: the body of a
 * matching job, whichever queue delivers it. Requests arriving together are
 * solved as one batch. Per lot: nothing when the stored answer is current;
 * the engine's incremental API when only known firm changes happened since
 * it; otherwise a full solve warm-started with the previous proposals.
 */
export function createLotSolver(deps: {
  db: Executor;
  lotStore: LotStore;
  market: Market;
  pool: SolverPool;
  /** Tells every instance about the stored answers, and the answers that stand moved on unchanged. */
  announce: (stored: StoredAnswer[], standing: StandingAnswer[]) => Promise<void>;
  log: FastifyBaseLogger;
}) {
  const { db, lotStore, market, pool } = deps;
  const stats = emptyMatchingStats();
  let queued = new Map<string, Request>();
  let running = false;

  /**
   * A batch's first half, on this thread: reads what its lots need, answers
   * closed lots and settles the lots whose answer provably (or by the
   * only-got-worse rule) stands; the rest become tasks for the solver thread.
   */
  async function prepare(batch: Map<string, Request>): Promise<Prepared> {
    const lotIds = [...batch.keys()];
    stats.batches += 1;
    stats.batchLots += lotIds.length;
    const phaseFrom = performance.now();
    // Revisions, then the change number, in one statement: every change a revision counts took its number
    // before its bump committed, so before this statement's snapshot.
    const rows = await db
      .select({ id: lots.id, revision: lots.revision, issued: issuedSeq })
      .from(lots)
      .where(inArray(lots.id, lotIds));
    const revisions = new Map(rows.map((row) => [row.id, row.revision]));
    const seq = rows[0] ? Number(rows[0].issued) : await market.lastIssuedSeq();
    const appliedThrough = await market.catchUp(seq);
    const [lotRows, previous] = await Promise.all([lotStore.getMany(lotIds), readAnswers(db, lotIds)]);
    const lotsById = new Map(lotRows.map((lot) => [lot.id, lot]));

    const ready: StoredAnswer[] = [];
    const open: { lot: Lot; revision: number; k: number; before?: StoredAnswer }[] = [];
    for (const lotId of lotIds) {
      const lot = lotsById.get(lotId);
      const revision = revisions.get(lotId);
      if (!lot || revision === undefined) continue;
      const before = previous.get(lotId);
      const k = Math.max(batch.get(lotId)!.k, before?.k ?? DEFAULT_PROPOSALS);
      if (before && before.revision >= revision && before.k >= k) {
        stats.upToDate += 1;
        continue;
      }
      if (lot.status === 'open') {
        open.push({ lot, revision, k, before });
        continue;
      }
      ready.push({
        lotId,
        revision,
        changeSeq: appliedThrough,
        lotVersion: lot.version,
        k,
        method: 'closed',
        kind: 'error',
        answer: { code: 'conflict', message: `This lot is ${lot.status}; it has no live proposals` },
      });
    }

    const booked = await market.bookedInWindows(open.map(({ lot }) => lot));
    // From here to the end, nothing waits on I/O: the firms held stay those of this number.
    const changeSeq = market.appliedSeq();
    const readEnd = performance.now();
    stats.phaseMs.read += readEnd - phaseFrom;
    const tasks: Prepared['tasks'] = [];
    const standing: StandingAnswer[] = [];
    let settleMs = 0;
    for (const { lot, revision, k, before } of open) {
      const base = { lotId: lot.id, revision, changeSeq, lotVersion: lot.version, k };
      const lotBooked = booked.get(lot.id) ?? [];
      const known: Pick<SolveTask, 'previous' | 'changes' | 'incumbents'> = {};
      if (before?.kind === 'proposals') {
        const changes = market.changesSince(before.changeSeq);
        if (changes.known && before.k === k && before.lotVersion === lot.version) {
          known.previous = resultOf(before.answer);
          known.changes = changes.firms;
          // Most lots a firm change touches are settled by that firm's offers and its rivals': no model, no thread.
          const settleFrom = performance.now();
          const firmsAfter = await market.firms(changes.firms.map((change) => change.firmId));
          const engineLot = toEngineLot(lot);
          const settled = settleFirmChanges(engineLot, known.previous, changes.firms, firmsAfter, lotBooked, {
            k,
            rivalsOf: (skills) => market.rivalsOf(engineLot, skills),
          });
          settleMs += performance.now() - settleFrom;
          if (settled !== 'needs-engine') {
            const method = settled === 'stands-proven' ? 'skipped-proven' : 'skipped-heuristic';
            stats[COUNTERS[method]] += 1;
            standing.push({ from: before, answer: moved(before, { revision, changeSeq, method }) });
            continue;
          }
        } else {
          known.incumbents = before.answer.proposals.map((p) => p.members.map((m) => m.smeId));
        }
      }
      tasks.push({ task: { lotId: lot.id, lot: toEngineLot(lot), booked: lotBooked, k, ...known }, base, before });
    }

    stats.phaseMs.settle += settleMs;
    stats.phaseMs.input += performance.now() - readEnd - settleMs;
    return { ready, standing, tasks };
  }

  /** Stores and announces answers: those that stand move on in place; one whose row changed meanwhile is stored whole. */
  async function publish(ready: StoredAnswer[], standing: StandingAnswer[]) {
    if (ready.length === 0 && standing.length === 0) return;
    const from = performance.now();
    const advanced = await advanceAnswers(db, standing);
    const stored = await store([
      ...ready,
      ...standing.filter((s) => !advanced.has(s.answer.lotId)).map((s) => s.answer),
    ]);
    await deps.announce(
      stored,
      standing.filter((s) => advanced.has(s.answer.lotId)),
    );
    stats.phaseMs.store += performance.now() - from;
  }

  /**
   * Brings tasks prepared earlier up to the firms held now, which the solver thread's copy is synced
   * to: changes applied since are added to an incremental task's (or make it a full solve when no
   * longer known), and every answer takes the number of the firms it will be solved with.
   */
  function catchUpTasks(chunk: Prepared['tasks']) {
    const changeSeq = market.appliedSeq();
    for (const prepared of chunk) {
      const { task, before } = prepared;
      prepared.base = { ...prepared.base, changeSeq };
      if (!task.changes || before?.kind !== 'proposals') continue;
      const changes = market.changesSince(before.changeSeq);
      if (changes.known) {
        task.changes = changes.firms;
      } else {
        delete task.previous;
        delete task.changes;
        task.incumbents = before.answer.proposals.map((p) => p.members.map((m) => m.smeId));
      }
    }
  }

  /**
   * A batch's second half: its tasks on the solver thread, a few lots at a
   * time, each few stored and announced as soon as solved, so a lot whose
   * proposals changed is not held back by the slowest solve of its batch.
   * The thread solves the next few while those before are stored (in order,
   * one store at a time).
   */
  async function solveTasks(tasks: Prepared['tasks']) {
    let published = Promise.resolve();
    for (let start = 0; start < tasks.length; start += SOLVED_TOGETHER) {
      const chunk = tasks.slice(start, start + SOLVED_TOGETHER);
      catchUpTasks(chunk);
      const from = performance.now();
      // Nothing awaited between the sync and the thread's copy: it holds exactly the firms held here now.
      const outcomes = await pool.solve(
        chunk.map((t) => t.task),
        (since) => market.firmSync(since),
      );
      stats.phaseMs.solve += performance.now() - from;
      const ready: StoredAnswer[] = [];
      const standing: StandingAnswer[] = [];
      for (const [index, outcome] of outcomes.entries()) {
        const { task, base, before } = chunk[index]!;
        stats.engineMs += outcome.engineMs;
        if (!outcome.ok) {
          stats.failed += 1;
          deps.log.error({ lotId: task.lotId, error: outcome.message }, 'the engine failed on a lot');
          ready.push({
            ...base,
            method: 'failed',
            kind: 'error',
            answer: { code: 'matching_failed', message: 'Proposals for this lot could not be computed' },
          });
          continue;
        }
        stats[COUNTERS[outcome.method]] += 1;
        if (outcome.result) {
          stats.solves += 1;
          engineSolveDuration.observe(outcome.result.stats.elapsedMs / 1000);
        }
        if (outcome.result) ready.push(proposalsAnswer(base, outcome.method, outcome.result));
        else if (before?.kind === 'proposals')
          standing.push({ from: before, answer: moved(before, { ...base, method: outcome.method }) });
      }
      published = published.then(() => publish(ready, standing));
      // Handled here so a failed store is not unhandled while the next few are solved; awaited (rethrown) below.
      published.catch(() => undefined);
    }
    await published;
  }

  /** A lot deleted meanwhile fails its row's foreign key; the others are still stored. */
  async function store(answers: StoredAnswer[]): Promise<StoredAnswer[]> {
    try {
      return await writeAnswers(db, answers);
    } catch {
      const stored: StoredAnswer[] = [];
      for (const answer of answers) stored.push(...(await writeAnswers(db, [answer]).catch(() => [])));
      return stored;
    }
  }

  /** Lots taken into a batch whose answers are not stored yet: a lot queued again waits for its batch. */
  const inBatch = new Set<string>();

  function take(): Map<string, Request> {
    const batch = new Map<string, Request>();
    for (const [lotId, request] of queued) {
      if (batch.size >= MAX_BATCH) break;
      if (inBatch.has(lotId)) continue;
      batch.set(lotId, request);
      queued.delete(lotId);
      inBatch.add(lotId);
    }
    return batch;
  }

  function finish(batch: Map<string, Request>, error?: unknown) {
    for (const [lotId, request] of batch) {
      inBatch.delete(lotId);
      for (const done of request.done) {
        if (error === undefined) done.resolve();
        else done.reject(error);
      }
    }
  }

  /**
   * Batches go through two halves: this thread prepares the next batch
   * (reads, settles, publishes the answers that stand) while the solver
   * thread works on the one before, so neither waits for the other.
   */
  async function drain() {
    if (running) return;
    running = true;
    let solving: Promise<void> | undefined;
    try {
      for (;;) {
        const batch = take();
        if (batch.size === 0) {
          // Nothing queued, or every queued lot is in the batch being solved: wait for it, then look again
          // (lots queued meanwhile found this drain running and rely on it).
          if (!solving) break;
          await solving;
          solving = undefined;
          continue;
        }
        let tasks: Prepared['tasks'];
        try {
          const prepared = await prepare(batch);
          await publish(prepared.ready, prepared.standing);
          tasks = prepared.tasks;
        } catch (error) {
          finish(batch, error);
          continue;
        }
        await solving;
        solving = solveTasks(tasks).then(
          () => finish(batch),
          (error: unknown) => finish(batch, error),
        );
      }
    } finally {
      running = false;
    }
  }

  return {
    stats,

    /**
     * Resolves once the lot's stored answer is current (for at least `k`
     * proposals); rejects when the batch failed (database trouble), so the job is retried.
     */
    request(lotId: string, k = DEFAULT_PROPOSALS): Promise<void> {
      return new Promise((resolve, reject) => {
        const request = queued.get(lotId) ?? { k, done: [] };
        request.k = Math.max(request.k, k);
        request.done.push({ resolve, reject });
        queued.set(lotId, request);
        setImmediate(() => void drain());
      });
    },

    /** Lots waiting for a batch. */
    queuedLots(): number {
      return queued.size;
    },

    /** Nothing queued and no batch running. */
    idle(): boolean {
      return queued.size === 0 && !running;
    },

    clear() {
      const dropped = queued;
      queued = new Map();
      // Jobs wait on these; left unsettled they would hold the job queue's shutdown up forever.
      const stopping = new Error('matching is stopping; the lot is solved again by the next worker');
      for (const request of dropped.values()) for (const waiter of request.done) waiter.reject(stopping);
    },
  };
}
export type LotSolver = ReturnType<typeof createLotSolver>;
