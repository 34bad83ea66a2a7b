/** A programme's inputs and the allocation answer (GET /api/programmes/:id/allocation). */
import type { Skill } from '@lepa/shared';
import type { BookedUnits, EngineFirm, EngineLot } from '../types.ts';

export interface ProgrammeLot {
  lot: EngineLot;
  /** units already booked in submitted consortia whose windows overlap this lot's */
  booked: readonly BookedUnits[];
}

export interface ProgrammeInput {
  lots: readonly ProgrammeLot[];
  /** every firm that may work on any of the lots (the engine decides eligibility per lot) */
  firms: readonly EngineFirm[];
}

export type AllocationPolicy = 'cheapest' | 'reach';

/**
 * - `policy`: default "reach".
 * - `costTolerancePct`: reach may spend up to this much above the cheapest allocation, default 2.
 * - `timeBudgetMs`: wall time for the whole answer, default 5000.
 * - `now`: the only clock read, default `performance.now`.
 */
export interface AllocationOptions {
  policy?: AllocationPolicy;
  costTolerancePct?: number;
  timeBudgetMs?: number;
  now?: () => number;
}

export interface AllocatedAssignment {
  skill: Skill;
  quantity: number;
  /** the firm's own unit price in GBP (what it is paid per unit) */
  unitPrice: number;
}

export interface AllocatedProposal {
  /** the coordinator, else the member with the largest contract value */
  lead: string;
  members: { smeId: string; assignments: AllocatedAssignment[] }[];
  /** the lot's scoring-model cost, GBP to the penny */
  cost: number;
}

export interface AllocatedLot {
  lotId: string;
  covered: boolean;
  proposal?: AllocatedProposal;
  /** why the lot is not covered */
  unmet?: string;
}

export interface AllocationTotals {
  cost: number;
  lotsCovered: number;
  distinctFirms: number;
  /** share of contract value (Σ unitPrice × units) going to firms within 25 km of their lot */
  localSpendPct: number;
  /** share of contract value going to firms with fewer than 50 staff */
  microSmallSharePct: number;
}

/**
 * - "optimal": proven best over every valid proposal of every lot.
 * - "bounded": the best found, `gapPct` from a proven bound on the first objective not proven
 *   optimal (lots covered, then cost for `cheapest`, distinct firms for `reach`).
 * - "timedout": the budget ran out before a bound could be proven (`gapPct` null). This method
 *   always has one (lots not proven uncoverable, per-lot cost lower bounds), so it answers
 *   "bounded" instead; the value stays in the contract.
 */
export type AllocationStatus = 'optimal' | 'bounded' | 'timedout';

export interface AllocationResult {
  status: AllocationStatus;
  gapPct: number | null;
  policy: AllocationPolicy;
  costTolerancePct: number;
  lots: AllocatedLot[];
  totals: AllocationTotals;
  baseline: AllocationTotals;
  stats: {
    columns: number;
    nodes: number;
    elapsedMs: number;
    exhaustiveLots: number;
    /** lots of the cheapest-first baseline whose consortium breaks the programme's capacity rule */
    baselineLotsOverCapacity: number;
    /**
     * Cheapest-first sequential award kept within the capacity rule: lots in
     * start-date order, each its cheapest proposal found that fits the room
     * earlier lots left (the allocation's first feasible answer).
     */
    sequentialWithinCapacity: AllocationTotals;
  };
}
