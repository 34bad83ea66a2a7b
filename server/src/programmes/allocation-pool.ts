import Tinypool from 'tinypool';
import type { AllocationResult } from '@lepa/engine';
import { threadEntry } from '../common/thread-entry.ts';
import type { AllocatedInThread, AllocationTask } from './allocation-task.ts';

/**
 * A thread for programme allocations: each runs for up to its 5 s budget, so
 * on the event loop it would stall every request and socket for that long;
 * and apart from the matching solver threads, so lots' answers never wait
 * behind one. The thread starts with the first allocation (most processes
 * never make one) and stops after a minute idle; allocations queue for it.
 */
export function createAllocationPool() {
  let pool: Tinypool | undefined;
  /** Thread ids that ran allocations: never 0, the main thread's. */
  const threadIds = new Set<number>();
  return {
    threadIds,
    async allocate(task: AllocationTask): Promise<AllocationResult> {
      pool ??= new Tinypool({
        filename: threadEntry(import.meta.url, 'allocation-task', 'allocation-thread'),
        minThreads: 0,
        maxThreads: 1,
        idleTimeout: 60_000,
      });
      const allocated = (await pool.run(task)) as AllocatedInThread;
      threadIds.add(allocated.threadId);
      return allocated.result;
    },
    async close() {
      await pool?.destroy();
    },
  };
}
export type AllocationPool = ReturnType<typeof createAllocationPool>;
