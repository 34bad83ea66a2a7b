/** The matching engine: pure functions over plain data (no database, no Fastify, no clock but the injected one). */
export { solve, solveModel, DEFAULT_K, DEFAULT_TIME_BUDGET_MS, MAX_K } from './solve.ts';
export { buildMatchModel, type MatchModel } from './eligibility.ts';
export { updateMatchModel } from './model-update.ts';
export { splitForMembers } from './split-for-members.ts';
export {
  resolveAfterFirmChanges,
  settleFirmChanges,
  type FirmChange,
  type IncrementalOutcome,
  type Settled,
} from './incremental.ts';
export { canReach, compareOffers, firmOffers, mayImproveFor, type FirmOffer } from './reach.ts';
export type * from './types.ts';
export * from './programme/index.ts';
