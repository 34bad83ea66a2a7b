export { allocateProgramme, DEFAULT_ALLOCATION_BUDGET_MS, DEFAULT_COST_TOLERANCE_PCT } from './allocate.ts';
export type * from './types.ts';
export {
  marketDepth,
  relaxationsOf,
  CONSORTIA_COUNT_CAP,
  THIN_FIRMS,
  type MarketDepth,
  type Relaxation,
} from '../dry-run/market-depth.ts';
