// Test and benchmark helpers: the exhaustive reference solver, seeded instance generators, and the
// engine's internal model builders that benchmarks compare other solvers on.
export {
  bruteForceTopK,
  cheapestSplit,
  compareBruteSets,
  offersFor,
  type BruteSet,
  type Offer,
} from './brute-force.ts';
export { engineFirm, engineInput, hardEngineInput } from './instances.ts';
export { buildMatchModel, type MatchModel } from '../eligibility.ts';
export { dominatedFirms } from '../dominance.ts';
export { minimumMembers } from '../member-bound.ts';
