import { threadId } from 'node:worker_threads';
import {
  allocateProgramme,
  marketDepth,
  type AllocationOptions,
  type AllocationResult,
  type EngineInput,
  type MarketDepth,
  type ProgrammeInput,
} from '@lepa/engine';

/** One programme for a programme thread: its inputs and the query's options (the thread's own clock is used). */
export interface AllocationTask {
  input: ProgrammeInput;
  options: Omit<AllocationOptions, 'now'>;
}

/** A lot (a draft or one of its relaxations) to measure the market depth of, within its budget. */
export interface DepthTask {
  input: EngineInput;
  timeBudgetMs: number;
}

/** The answer, and which thread computed it. */
export interface InThread<T> {
  result: T;
  threadId: number;
}

/** The thread's default task: a programme's allocation. */
export default function allocate(task: AllocationTask): InThread<AllocationResult> {
  return { result: allocateProgramme(task.input, task.options), threadId };
}

/** A dry run's measurements, in order. */
export function marketDepths(tasks: DepthTask[]): InThread<MarketDepth[]> {
  return { result: tasks.map((task) => marketDepth(task.input, { timeBudgetMs: task.timeBudgetMs })), threadId };
}
