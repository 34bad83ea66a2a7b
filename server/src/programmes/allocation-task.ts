import { threadId } from 'node:worker_threads';
import { allocateProgramme, type AllocationOptions, type AllocationResult, type ProgrammeInput } from '@lepa/engine';

/** One programme for an allocation thread: its inputs and the query's options (the thread's own clock is used). */
export interface AllocationTask {
  input: ProgrammeInput;
  options: Omit<AllocationOptions, 'now'>;
}

/** The answer, and which thread computed it. */
export interface AllocatedInThread {
  result: AllocationResult;
  threadId: number;
}

/** An allocation thread's entry. */
export default function allocate(task: AllocationTask): AllocatedInThread {
  return { result: allocateProgramme(task.input, task.options), threadId };
}
