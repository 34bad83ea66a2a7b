import type { SolveMethod } from './solve-task.ts';

/** What a lot solver has done since it started (served by /api/diagnostics when it is on). */
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

/** The counter each solve method adds to. */
export const COUNTERS = {
  full: 'full',
  warm: 'warm',
  merge: 'merge',
  'skipped-proven': 'skippedProven',
  'skipped-heuristic': 'skippedHeuristic',
} as const satisfies Record<SolveMethod, keyof MatchingStats>;
