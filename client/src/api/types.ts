/**
 * Proposal shapes of DESIGN.md ("HTTP API" and "Live updates"). @lepa/shared
 * has no schema for them yet, so the client states the contract here.
 */
import type { Skill } from '@lepa/shared';

export interface Assignment {
  skill: Skill;
  quantity: number;
  /** effective unit cost in GBP */
  unitCost: number;
}

export interface ProposalMember {
  smeId: string;
  name: string;
  distanceKm: number;
  assignments: Assignment[];
}

/** GBP; work − socialValueDiscount + travel + coordination = cost. */
export interface CostBreakdown {
  work: number;
  socialValueDiscount: number;
  travel: number;
  coordination: number;
}

export interface Proposal {
  rank: number;
  cost: number;
  lead: string;
  members: ProposalMember[];
  /** Shares of the contract value plus counts; rendered generically, so new figures show up unchanged. */
  socialValue: Record<string, number>;
  breakdown: CostBreakdown;
  explanation: string[];
}

export interface Unmet {
  /** null for the lot-level member-limit entry */
  skill: Skill | null;
  shortfall: number;
  reason: string;
  message: string;
}

/** The body of GET /api/lots/:id/proposals and of the websocket's `proposals` message. */
export interface ProposalSnapshot {
  lotId: string;
  version: number;
  feasible: boolean;
  proposals: Proposal[];
  unmet: Unmet[];
}
