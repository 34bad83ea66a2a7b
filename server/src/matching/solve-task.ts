import { threadId } from 'node:worker_threads';
import { resolveAfterFirmChanges, solve, type EngineInput, type EngineResult, type FirmChange } from '@lepa/engine';

/** One lot's work for a solver thread: the input, and what is known of the answer before. */
export interface SolveTask {
  lotId: string;
  input: EngineInput;
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
export function runSolveTask(task: SolveTask): SolveOutcome {
  const started = performance.now();
  try {
    if (task.previous && task.changes) {
      const outcome = resolveAfterFirmChanges(task.input, task.previous, task.changes, { k: task.k });
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
    const result = solve(task.input, { k: task.k, incumbents });
    return {
      lotId: task.lotId,
      ok: true,
      method: incumbents.length > 0 ? 'warm' : 'full',
      result,
      engineMs: performance.now() - started,
    };
  } catch (error) {
    return {
      lotId: task.lotId,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
      engineMs: performance.now() - started,
    };
  }
}

/** What a solver thread sends back for a batch: one outcome per lot in order, and which thread ran them. */
export interface SolvedBatch {
  outcomes: SolveOutcome[];
  threadId: number;
}

/** A solver thread's entry: a batch of lots, answered in order. */
export default function solveBatch(tasks: SolveTask[]): SolvedBatch {
  return { outcomes: tasks.map(runSolveTask), threadId };
}
