import Tinypool from 'tinypool';
import { threadEntry } from '../common/thread-entry.ts';
import type { FirmSync } from './firm-mirror.ts';
import type { SolveBatch, SolvedBatch, SolveOutcome, SolveTask } from './solve-task.ts';

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
  /** The market version each thread's copy was at after its last batch. */
  const threadVersions = new Map<number, number>();
  const run = async (batch: SolveBatch) => (await pool.run(batch)) as SolvedBatch;
  return {
    stats,
    /**
     * Solves the lots on a solver thread. `syncFrom(version)` gives what a copy
     * at that version lacks; the sync sent brings any thread seen so far up to
     * date (tinypool picks the thread), and a thread not seen yet asks for every firm.
     */
    async solve(tasks: SolveTask[], syncFrom: (version: number | undefined) => FirmSync): Promise<SolveOutcome[]> {
      if (tasks.length === 0) return [];
      const since = threadVersions.size === 0 ? undefined : Math.min(...threadVersions.values());
      let solved = await run({ sync: syncFrom(since), tasks });
      if (solved.needsReset) solved = await run({ sync: syncFrom(undefined), tasks });
      if (solved.needsReset) throw new Error('a solver thread refused a full copy of the market');
      threadVersions.set(solved.threadId, solved.version);
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
