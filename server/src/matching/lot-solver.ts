import { inArray } from 'drizzle-orm';
import { lots, type Executor } from '@lepa/db';
import type { Lot } from '@lepa/shared';
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
import { changesForLot, issuedSeq, type Market } from './market.ts';
import type { SolverPool } from './solver-pool.ts';
import { engineSolveDuration } from '../infra/metrics.ts';
import type { SolveOutcome, SolveTask } from './solve-task.ts';
import { toEngineLot } from './engine-input.ts';
import { coalescing } from '../common/coalescing.ts';
import { COUNTERS, emptyMatchingStats } from './matching-stats.ts';
import { proposalsAnswer, resultOf, shownChanged, type AnswerBase } from './engine-answers.ts';

/** The board and the API ask for five unless told otherwise; answers are stored at this size or larger. */
export const DEFAULT_PROPOSALS = 5;
/** Lots prepared together: one round of queries. */
const MAX_BATCH = 32;
/** Batches read before the lots of theirs that need no engine are settled: the bound on how long those wait. */
const BATCHES_READ_AHEAD = 4;
/** Lots per trip to the solver thread: their answers are stored and announced together. */
const SOLVED_TOGETHER = 4;

interface Request {
  k: number;
  done: { resolve: () => void; reject: (error: unknown) => void }[];
}

/** A lot for the solver thread, with what its answer will be stored with. */
interface PreparedTask {
  task: SolveTask;
  base: AnswerBase;
  before?: StoredAnswer;
  /**
   * Its answer is likely to change, so someone is likely to be shown it: a first answer, a lot edited or
   * infeasible, a shown member changed. The others (improved firms outside the shown sets) mostly end with the answer
   * standing, and wait behind these.
   */
  urgent: boolean;
}

/** A lot whose previous answer a firm change may leave standing, to be settled after the batch is read. */
interface ToSettle {
  prepared: PreparedTask;
  before: StoredAnswer;
  previous: EngineResult;
}

/** A batch being prepared or solved: its jobs are done once every answer of it is stored. */
interface BatchInFlight {
  requests: Map<string, Request>;
  unsolved: number;
  error?: unknown;
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
   * closed lots and hands the lots whose answer is likely to change to the
   * solver thread at once (`toSolver`); the others, which a firm change
   * mostly leaves standing, are returned to be settled (`settle`).
   */
  async function read(
    batch: Map<string, Request>,
    toSolver: (prepared: PreparedTask) => void,
  ): Promise<{ ready: StoredAnswer[]; toSettle: ToSettle[] }> {
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

    // From here to the end, nothing waits on I/O: the firms held stay those of this number.
    const changeSeq = market.appliedSeq();
    const readEnd = performance.now();
    stats.phaseMs.read += readEnd - phaseFrom;
    const toSettle: ToSettle[] = [];
    for (const { lot, revision, k, before } of open) {
      const base = { lotId: lot.id, revision, changeSeq, lotVersion: lot.version, k };
      const engineLot = toEngineLot(lot);
      const task: SolveTask = { lotId: lot.id, lot: engineLot, booked: market.bookedIn(engineLot), k };
      if (before?.kind === 'proposals') {
        const changes = market.changesSince(before.changeSeq);
        if (changes.known && before.k === k && before.lotVersion === lot.version) {
          const previous = resultOf(before.answer);
          task.previous = previous;
          task.changes = changesForLot(changes.firms, engineLot);
          if (previous.feasible && !shownChanged(previous, changes.firms)) {
            toSettle.push({ prepared: { task, base, before, urgent: false }, before, previous });
            continue;
          }
        } else {
          task.incumbents = before.answer.proposals.map((p) => p.members.map((m) => m.smeId));
        }
      }
      // A first answer, a lot edited or an infeasible one, a shown member changed: the answer is likely to change.
      toSolver({ task, base, before, urgent: true });
    }

    stats.phaseMs.input += performance.now() - readEnd;
    return { ready, toSettle };
  }

  /**
   * The rest of a batch: its lots a change may leave standing, judged on the
   * firms held now (changes applied since the batch was read are added, as
   * for the solver thread's lots), by the changed firms' offers and their
   * rivals': no model, no thread. Those it cannot settle go to the solver thread.
   */
  async function settle(
    deferred: readonly ToSettle[],
    toSolver: (prepared: PreparedTask) => void,
  ): Promise<StandingAnswer[]> {
    const settleFrom = performance.now();
    const changeSeq = market.appliedSeq();
    const standing: StandingAnswer[] = [];
    for (const { prepared, before, previous } of deferred) {
      const { task } = prepared;
      prepared.base = { ...prepared.base, changeSeq };
      task.booked = market.bookedIn(task.lot);
      const changes = market.changesSince(before.changeSeq);
      // Changes no longer known: catchUpTasks makes it a full solve, warm-started, when it is sent.
      if (!changes.known) {
        toSolver({ ...prepared, urgent: true });
        continue;
      }
      task.changes = changesForLot(changes.firms, task.lot);
      if (shownChanged(previous, changes.firms)) {
        toSolver({ ...prepared, urgent: true });
        continue;
      }
      const firmsAfter = await market.firms(changes.firms.map((change) => change.firmId));
      const settled = settleFirmChanges(task.lot, previous, task.changes, firmsAfter, task.booked, {
        k: task.k,
        rivalsOf: (skills) => market.rivalsOf(task.lot, skills),
      });
      if (settled === 'needs-engine') {
        toSolver(prepared);
        continue;
      }
      const method = settled === 'stands-proven' ? 'skipped-proven' : 'skipped-heuristic';
      stats[COUNTERS[method]] += 1;
      standing.push({ from: before, answer: moved(before, { ...prepared.base, method }) });
    }
    stats.phaseMs.settle += performance.now() - settleFrom;
    return standing;
  }

  /**
   * Stores and announces answers: those that stand move on in place; one whose row changed meanwhile is
   * stored whole. One publication at a time, in the order asked: answers that become ready (from the
   * settle or the solver thread) while one is being stored go together in the next, so the round trips
   * per answer fall as the load grows instead of the answers queueing behind each other's.
   */
  const publish = coalescing<{ ready: StoredAnswer[]; standing: StandingAnswer[] }>((publications) =>
    publishTogether(
      publications.flatMap((publication) => publication.ready),
      publications.flatMap((publication) => publication.standing),
    ),
  );

  async function publishTogether(ready: StoredAnswer[], standing: StandingAnswer[]) {
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
  function catchUpTasks(chunk: readonly PreparedTask[]) {
    const changeSeq = market.appliedSeq();
    for (const prepared of chunk) {
      const { task, before } = prepared;
      prepared.base = { ...prepared.base, changeSeq };
      task.booked = market.bookedIn(task.lot);
      if (!task.changes || before?.kind !== 'proposals') continue;
      const changes = market.changesSince(before.changeSeq);
      if (changes.known) {
        task.changes = changesForLot(changes.firms, task.lot);
      } else {
        delete task.previous;
        delete task.changes;
        task.incumbents = before.answer.proposals.map((p) => p.members.map((m) => m.smeId));
      }
    }
  }

  /** Lots prepared for the solver thread, the urgent ones first, each with its batch. */
  const urgentTasks: { prepared: PreparedTask; batch: BatchInFlight }[] = [];
  const laterTasks: { prepared: PreparedTask; batch: BatchInFlight }[] = [];
  const nextChunk = () => {
    const chunk = urgentTasks.splice(0, SOLVED_TOGETHER);
    return chunk.length > 0 ? chunk : laterTasks.splice(0, SOLVED_TOGETHER);
  };

  function solved(batches: readonly BatchInFlight[], error?: unknown) {
    for (const batch of batches) {
      if (error !== undefined) batch.error ??= error;
      batch.unsolved -= 1;
      if (batch.unsolved === 0) finish(batch.requests, batch.error);
    }
  }

  /**
   * A batch's second half: the lots prepared, on the solver thread a few at
   * a time, urgent ones first whichever batch they came in, each few stored
   * and announced as soon as solved, so a lot whose proposals changed is not
   * held back by slower solves whose answers stand. The thread solves the
   * next few while those before are stored. A batch's jobs end when its last
   * lot is stored; a failed store (or solver thread) fails them, so they are retried.
   */
  async function solveQueued() {
    for (let chunk = nextChunk(); chunk.length > 0; chunk = nextChunk()) {
      const batches = chunk.map((queued) => queued.batch);
      const prepared = chunk.map((queued) => queued.prepared);
      catchUpTasks(prepared);
      const from = performance.now();
      let outcomes: SolveOutcome[];
      try {
        // Nothing awaited between the sync and the thread's copy: it holds exactly the firms held here now.
        outcomes = await pool.solve(
          prepared.map((t) => t.task),
          (since) => market.firmSync(since),
        );
      } catch (error) {
        solved(batches, error);
        continue;
      } finally {
        stats.phaseMs.solve += performance.now() - from;
      }
      const ready: StoredAnswer[] = [];
      const standing: StandingAnswer[] = [];
      for (const [index, outcome] of outcomes.entries()) {
        const { task, base, before } = prepared[index]!;
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
      void publish({ ready, standing }).then(
        () => solved(batches),
        (error: unknown) => solved(batches, error),
      );
    }
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
    wake?.();
  }

  let solving = false;
  /** Starts the solver loop when lots wait for it; it runs until none are left. */
  function kickSolver() {
    if (solving || (urgentTasks.length === 0 && laterTasks.length === 0)) return;
    solving = true;
    void solveQueued().finally(() => {
      solving = false;
      kickSolver();
    });
  }

  /** Sends a batch's lots to the solver thread, each counted in the batch until stored. */
  const toSolverFor = (inFlight: BatchInFlight) => (prepared: PreparedTask) => {
    inFlight.unsolved += 1;
    (prepared.urgent ? urgentTasks : laterTasks).push({ prepared, batch: inFlight });
    kickSolver();
  };

  /** Batches read whose other lots wait to be settled. */
  const unsettled: { inFlight: BatchInFlight; ready: StoredAnswer[]; toSettle: ToSettle[] }[] = [];

  /** Reads a batch and sends its likely changes to the solver thread; the rest waits for `settleRead`. */
  async function readBatch(batch: Map<string, Request>) {
    // One for the answers that need no engine, and one per lot sent to the solver thread.
    const inFlight: BatchInFlight = { requests: batch, unsolved: 1 };
    try {
      const { ready, toSettle } = await read(batch, toSolverFor(inFlight));
      unsettled.push({ inFlight, ready, toSettle });
    } catch (error) {
      solved([inFlight], error);
    }
  }

  /** Settles the batches read, and stores what stands without holding up the batches that follow. */
  async function settleRead() {
    for (const { inFlight, ready, toSettle } of unsettled.splice(0)) {
      try {
        const standing = await settle(toSettle, toSolverFor(inFlight));
        void publish({ ready, standing }).then(
          () => solved([inFlight]),
          (error: unknown) => solved([inFlight], error),
        );
      } catch (error) {
        solved([inFlight], error);
      }
    }
  }

  /** Wakes a drain waiting for a batch to finish or for lots to be queued. */
  let wake: (() => void) | undefined;

  /**
   * Batches are read on this thread one after another while lots are queued
   * (up to a few before their other lots are settled), so the likely changes
   * of each reach the solver thread before the rest of any is settled; the
   * solver thread works through the lots sent meanwhile (urgent ones first)
   * and answers are stored as they come, so none of these waits for the others.
   */
  async function drain() {
    if (running) return;
    running = true;
    try {
      for (;;) {
        const batch = take();
        if (batch.size > 0) {
          await readBatch(batch);
          if (unsettled.length < BATCHES_READ_AHEAD) continue;
        }
        await settleRead();
        if (batch.size > 0) continue;
        // Every lot queued (if any) is in a batch still in flight: wait for one to finish, or for new lots.
        if (inBatch.size === 0) break;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
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
        wake?.();
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
      // Lots read but not settled or not sent to the solver thread: their batches' jobs fail once the lots
      // already sent are stored.
      const unsent = [...urgentTasks.splice(0), ...laterTasks.splice(0)];
      solved(
        [...unsettled.splice(0).map(({ inFlight }) => inFlight), ...unsent.map((queued) => queued.batch)],
        stopping,
      );
    },
  };
}
export type LotSolver = ReturnType<typeof createLotSolver>;
