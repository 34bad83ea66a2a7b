import Tinypool from 'tinypool';
import type { AllocationResult, MarketDepth } from '@lepa/engine';
import { threadEntry } from '../common/thread-entry.ts';
import type { AllocationTask, DepthTask, InThread } from './programme-tasks.ts';

/**
 * A thread for programme allocations and dry runs: an allocation runs for up
 * to its 5 s budget and a dry run for up to 3 s, so on the event loop they
 * would stall every request and socket that long; and apart from the
 * matching solver threads, so lots' answers never wait behind one. The thread
 * starts with the first task (most processes never get one) and stops after
 * a minute idle; tasks queue for it.
 */
export function createProgrammePool() {
  let pool: Tinypool | undefined;
  /** Thread ids that ran tasks: never 0, the main thread's. */
  const threadIds = new Set<number>();
  async function run<T>(task: unknown, name: 'default' | 'marketDepths'): Promise<T> {
    pool ??= new Tinypool({
      filename: threadEntry(import.meta.url, 'programme-tasks', 'programme-thread'),
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: 60_000,
    });
    const done = (await pool.run(task, { name })) as InThread<T>;
    threadIds.add(done.threadId);
    return done.result;
  }
  return {
    threadIds,
    allocate: (task: AllocationTask) => run<AllocationResult>(task, 'default'),
    marketDepths: (tasks: DepthTask[]) => run<MarketDepth[]>(tasks, 'marketDepths'),
    async close() {
      await pool?.destroy();
    },
  };
}
export type ProgrammePool = ReturnType<typeof createProgrammePool>;
