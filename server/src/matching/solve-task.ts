import { threadId } from 'node:worker_threads';
import {
  resolveAfterFirmChanges,
  solveModel,
  type BookedUnits,
  type EngineInput,
  type EngineLot,
  type EngineResult,
  type FirmChange,
  type MatchModel,
} from '@lepa/engine';
import { createFirmMirror, type FirmSync } from './firm-mirror.ts';
import { createModelCache } from './model-cache.ts';

/**
 * One lot's work for a solver thread: the lot and its bookings (the thread
 * finds the candidates in its copy of the market), and what is known of the answer before.
 */
export interface SolveTask {
  lotId: string;
  lot: EngineLot;
  booked: readonly BookedUnits[];
  k: number;
  /** The stored answer's result, when one was computed with the same k for the same lot edit. */
  previous?: EngineResult;
  /** Firm changes since `previous`; absent when they are not known (then a full solve, warm-started). */
  changes?: FirmChange[];
  /** Member sets of the previous proposals, to warm-start a full solve. */
  incumbents?: string[][];
}

export type SolveMethod = 'full' | 'warm' | 'merge' | 'skipped-proven' | 'skipped-heuristic';

export type SolveOutcome =
  | { lotId: string; ok: true; method: SolveMethod; result?: EngineResult; engineMs: number }
  | { lotId: string; ok: false; message: string; engineMs: number };

/**
 * The one place the server calls the engine: the incremental API when the
 * firm changes since the previous answer are known, else a full solve
 * (warm-started from the previous proposals when there were any). `result`
 * is absent when the previous answer stands. An engine failure is returned,
 * not thrown, so one poison lot never takes a batch down with it.
 */
export function runSolveTask(task: SolveTask, input: EngineInput, model: () => MatchModel): SolveOutcome {
  const started = performance.now();
  try {
    if (task.previous && task.changes) {
      const outcome = resolveAfterFirmChanges(input, task.previous, task.changes, { k: task.k }, model);
      const engineMs = performance.now() - started;
      if (outcome.kind === 'unchanged')
        return {
          lotId: task.lotId,
          ok: true,
          method: outcome.reason === 'proven-bound' ? 'skipped-proven' : 'skipped-heuristic',
          engineMs,
        };
      return { lotId: task.lotId, ok: true, method: outcome.method, result: outcome.result, engineMs };
    }
    const incumbents = task.incumbents ?? [];
    const result = solveModel(input, model(), { k: task.k, incumbents });
    return {
      lotId: task.lotId,
      ok: true,
      method: incumbents.length > 0 ? 'warm' : 'full',
      result,
      engineMs: performance.now() - started,
    };
  } catch (error) {
    return failed(task, error, started);
  }
}

function failed(task: SolveTask, error: unknown, started: number): SolveOutcome {
  return {
    lotId: task.lotId,
    ok: false,
    message: error instanceof Error ? error.message : String(error),
    engineMs: performance.now() - started,
  };
}

/** A batch for a solver thread: the firms its copy of the market needs first, then the lots. */
export interface SolveBatch {
  sync: FirmSync;
  tasks: SolveTask[];
}

/**
 * What a solver thread sends back for a batch: one outcome per lot in order,
 * which thread ran them and the version its copy of the market is at, or
 * `needsReset` (nothing solved) when its copy was too old for the sync sent.
 */
export type SolvedBatch =
  | { needsReset: false; outcomes: SolveOutcome[]; threadId: number; version: number }
  | { needsReset: true; threadId: number };

/** This thread's copy of the market, kept between batches. */
const mirror = createFirmMirror();
/**
 * Lots whose models this thread keeps: a region's open lots (a model takes
 * about 1 MB for a lot with 3,000 candidate firms and 8 skills).
 */
const MODELS_KEPT = 600;
const models = createModelCache(mirror, MODELS_KEPT);

/** A solver thread's entry: a batch of lots, answered in order. */
export default function solveBatch(batch: SolveBatch): SolvedBatch {
  if (!mirror.apply(batch.sync)) return { needsReset: true, threadId };
  const outcomes = batch.tasks.map((task) => {
    // Preparing the model is part of the engine's work on the lot, and a failure there is the lot's.
    const started = performance.now();
    try {
      const { input, model } = models.prepare(task.lotId, task.lot, task.booked);
      const outcome = runSolveTask(task, input, model);
      return { ...outcome, engineMs: performance.now() - started };
    } catch (error) {
      return failed(task, error, started);
    }
  });
  return { needsReset: false, outcomes, threadId, version: mirror.version! };
}
