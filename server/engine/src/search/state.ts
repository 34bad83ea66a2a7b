/**
 * The search's explicit state: the read-only tables, the branch being
 * explored (members, forbidden firms, decided skills), the sets kept so far
 * with the limits that cut against them, and the scratch the bounds reuse.
 * One state per search; every module of the search reads and updates it.
 */
import type { MatchModel } from '../eligibility.ts';
import { buildSearchTables, type SearchTables } from '../search-tables.ts';
import type { Split } from '../split.ts';

export interface FoundSet {
  split: Split;
  cents: number;
}

export interface SearchState {
  readonly model: MatchModel;
  readonly excluded: Uint8Array;
  readonly k: number;
  readonly outOfTime: () => boolean;
  readonly tables: SearchTables;
  readonly skillCount: number;
  readonly maxMembers: number;
  readonly coordination: number;
  /** firms every set must contain; members from the start */
  readonly forced: readonly number[];
  /** per forced firm, its place in each skill's fill order (−1 when it offers none there) */
  readonly forcedPositions: readonly Int32Array[];
  /** per forced firm, the depth deciding the last skill it offers (−1 when it offers none in play) */
  readonly forcedLastDepth: readonly number[];
  /** per forced firm, how many fills decided on the branch use it: it must work in some */
  readonly forcedWorks: Int32Array;

  // The branch: skills decided (always the first `decidedCount` of the decision order) and members so far.
  decidedCount: number;
  readonly decided: Uint8Array;
  readonly inMembers: Uint8Array;
  readonly members: number[];
  /** per firm, how many reasons forbid it joining below the current node */
  readonly forbidden: Int32Array;

  /** the k best valid sets kept, in proposal order */
  readonly found: FoundSet[];
  /** Sets costing more than this many pennies are not looked for in the current round. */
  capPennies: number;
  nodes: number;
  /** out of time */
  aborted: boolean;
  /** out of time, or the dive's node allowance is spent */
  stopped: boolean;
  /** dive mode: a quick incomplete search for first sets */
  diving: boolean;
  diveNodeLimit: number;

  /** scratch for the per-skill bound: members' offers of one skill in cost order */
  readonly memberCosts: Float64Array;
  readonly memberUnits: Float64Array;

  /** Per searchable firm, from the last Lagrangian pass: what joining would earn net of coordination. */
  readonly joinGain: Float64Array;
  readonly joinGainPass: Int32Array;
  pass: number;
  /** The smallest gain that made the last pass's joiners (0 when fewer joiners than free slots earned anything). */
  marginalJoinGain: number;
  /** Whether the join gains of the last Lagrangian pass belong to the prices `optimisePrices` kept. */
  passIsBest: boolean;
  readonly topGains: Float64Array;
  readonly topFirms: Int32Array;
  readonly touchedFirms: Int32Array;
  readonly supplied: Float64Array;
  /** Lagrangian prices per number of decided skills, and `optimisePrices`' scratch at each depth. */
  readonly pricesAtDepth: Float64Array[];
  readonly bestPricesAtDepth: Float64Array[];
  rootPrices: Float64Array;
}

export function createSearchState(
  model: MatchModel,
  excluded: Uint8Array,
  k: number,
  outOfTime: () => boolean,
  forced: readonly number[],
): SearchState {
  const skillCount = model.skills.length;
  const firmCount = model.firms.length;
  const { maxMembers, coordinationCostPerMember: coordination } = model.lot;
  const tables = buildSearchTables(model, excluded, forced);
  const forcedPositions = forced.map((firm) => Int32Array.from(tables.offerFirms, (firms) => firms.indexOf(firm)));
  const forcedLastDepth = forcedPositions.map((positions) =>
    tables.decisionOrder.reduce((last, skill, depth) => (positions[skill]! >= 0 ? depth : last), -1),
  );
  const searchable = tables.searchFirms.length;
  const memberSlots = Math.max(1, Math.min(maxMembers, firmCount));
  const state: SearchState = {
    model,
    excluded,
    k,
    outOfTime,
    tables,
    skillCount,
    maxMembers,
    coordination,
    forced,
    forcedPositions,
    forcedLastDepth,
    forcedWorks: new Int32Array(forced.length),
    decidedCount: 0,
    decided: new Uint8Array(skillCount),
    inMembers: new Uint8Array(firmCount),
    members: [],
    forbidden: new Int32Array(firmCount),
    found: [],
    capPennies: 0,
    nodes: 0,
    aborted: false,
    stopped: false,
    diving: false,
    diveNodeLimit: 0,
    memberCosts: new Float64Array(memberSlots),
    memberUnits: new Float64Array(memberSlots),
    joinGain: new Float64Array(searchable),
    joinGainPass: new Int32Array(searchable),
    pass: 0,
    marginalJoinGain: 0,
    passIsBest: false,
    topGains: new Float64Array(Math.max(1, maxMembers)),
    topFirms: new Int32Array(Math.max(1, maxMembers)),
    touchedFirms: new Int32Array(searchable),
    supplied: new Float64Array(skillCount),
    pricesAtDepth: Array.from({ length: skillCount + 1 }, () => new Float64Array(skillCount)),
    bestPricesAtDepth: Array.from({ length: skillCount + 1 }, () => new Float64Array(skillCount)),
    rootPrices: new Float64Array(skillCount),
  };
  for (const firm of forced) {
    state.inMembers[firm] = 1;
    state.members.push(firm);
  }
  return state;
}

/** Lowest whole-penny cost a raw amount can round to, allowing for summation-order noise. */
export function lowestPennies(amount: number): number {
  return Math.round(amount * 100 - 1e-3 - 1e-12 * Math.abs(amount * 100));
}

/** The pennies a set must not exceed to be kept: the round's cap, or the k-th best found when lower. */
export function cutPennies(state: SearchState): number {
  const { found, k, capPennies } = state;
  return found.length === k ? Math.min(found[k - 1]!.cents, capPennies) : capPennies;
}

/** Whether a branch whose sets all cost at least `lowerBound` can be cut (equal pennies are kept). */
export function prunable(state: SearchState, lowerBound: number): boolean {
  return lowestPennies(lowerBound) > cutPennies(state);
}

const CLOCK_CHECK_EVERY = 64;

/** Counts a node; true when the search must stop. */
export function tick(state: SearchState): boolean {
  state.nodes++;
  if (!state.aborted && state.nodes % CLOCK_CHECK_EVERY === 1 && state.outOfTime())
    state.aborted = state.stopped = true;
  if (state.diving && state.nodes >= state.diveNodeLimit) state.stopped = true;
  return state.stopped;
}
