import Tinypool from 'tinypool';
import { threadEntry } from '../common/thread-entry.ts';
import type { SolvedBatch, SolveOutcome, SolveTask } from './solve-task.ts';

export interface SolverPoolStats {
  batches: number;
  lots: number;
  /** Thread ids that ran batches: never 0, the main thread's. */
  threadIds: Set<number>;
}

/**
 * Solver threads (tinypool): the engine never runs on the event loop that
 * serves HTTP, sockets and the job queue. One thread per matching process by
 * default, since a solve uses one core and the process is one of several.
 */
export function createSolverPool(options: { threads: number }) {
  const pool = new Tinypool({
    filename: threadEntry(import.meta.url, 'solve-task', 'solver-thread'),
    minThreads: 1,
    maxThreads: options.threads,
    // Threads stay up between batches: starting one loads the engine again.
    idleTimeout: 60_000,
  });
  const stats: SolverPoolStats = { batches: 0, lots: 0, threadIds: new Set() };
  return {
    stats,
    async solve(tasks: SolveTask[]): Promise<SolveOutcome[]> {
      if (tasks.length === 0) return [];
      const solved = (await pool.run(tasks)) as SolvedBatch;
      stats.batches += 1;
      stats.lots += tasks.length;
      stats.threadIds.add(solved.threadId);
      return solved.outcomes;
    },
    async close() {
      await pool.destroy();
    },
  };
}
export type SolverPool = ReturnType<typeof createSolverPool>;
