/**
 * The matching engine's inputs and outputs: plain JSON-able data, so results
 * travel unchanged over HTTP and the websocket.
 */
import type { CertificationScheme, Ownership, Skill } from '@lepa/shared';

export interface EngineLot {
  id: string;
  location: { lat: number; lon: number };
  /** YYYY-MM-DD, the window is [startDate, endDate) */
  startDate: string;
  endDate: string;
  requirements: readonly { skill: Skill; quantity: number; certifications: readonly CertificationScheme[] }[];
  maxMembers: number;
  maxDistanceKm: number | null;
  socialValueWeight: number;
  travelCostPerUnitKm: number;
  coordinationCostPerMember: number;
}

export interface EngineFirm {
  id: string;
  name: string;
  location: { lat: number; lon: number };
  serviceRadiusKm: number;
  employees: number;
  ownership: Ownership;
  capabilities: readonly { skill: Skill; capacityPerMonth: number; unitPrice: number }[];
  certifications: readonly { scheme: CertificationScheme; expires: string }[];
  socialValue: { realLivingWage: boolean; apprentices: number; localEmployeesPct: number; charterSignatory: boolean };
}

/** Units a firm already has booked, limited to bookings whose windows overlap this lot. */
export interface BookedUnits {
  smeId: string;
  skill: Skill;
  units: number;
}

export interface EngineInput {
  lot: EngineLot;
  firms: readonly EngineFirm[];
  booked: readonly BookedUnits[];
}

/**
 * - `k`: how many proposals, 1..20 (clamped), default 5.
 * - `timeBudgetMs`: wall time for the search, default 2000; when it runs out
 *   the best sets found so far come back with status "timedout".
 * - `now`: the only clock the engine reads, default `performance.now`.
 */
export interface EngineOptions {
  k?: number;
  timeBudgetMs?: number;
  now?: () => number;
}

/** `solve`'s options: the engine's, plus member id sets to warm-start the search with (see `solve`). */
export interface SolveOptions extends EngineOptions {
  incumbents?: readonly (readonly string[])[];
}

export interface Assignment {
  skill: Skill;
  quantity: number;
  /** effective unit cost c(s,k) in GBP, rounded to the penny */
  unitCost: number;
  /** the firm's quoted unit price in GBP: what it is paid per unit */
  unitPrice: number;
  /** unitPrice × socialValueWeight × sv × quantity, GBP to the penny: taken off for ranking only */
  socialValueDiscount: number;
  /** travelCostPerUnitKm × distance × quantity, GBP to the penny: added for ranking only */
  travel: number;
}

export interface ProposalMember {
  smeId: string;
  name: string;
  /** rounded to 10 m */
  distanceKm: number;
  assignments: Assignment[];
}

/**
 * Proportionate social value, from the members' profiles only. Shares are
 * percentages (one decimal) of the contract value, which is Σ unitPrice ×
 * quantity: what the firms are actually paid. The effective cost's social
 * value discount and travel term are scoring devices, not money paid.
 */
export interface SocialValueSummary {
  contractValue: number;
  /** members within 25 km of the lot */
  localSharePct: number;
  /** members with fewer than 10 staff */
  microFirmSharePct: number;
  /** members with fewer than 50 staff (micro firms included) */
  smallFirmSharePct: number;
  realLivingWageSharePct: number;
  /** members whose ownership is not `subsidiary` */
  nonSubsidiarySharePct: number;
  charterSignatorySharePct: number;
  /** apprentices employed across all members */
  apprentices: number;
}

/**
 * GBP to the penny; work − socialValueDiscount + travel + coordination = cost.
 * `travel` absorbs the at most one penny of rounding between the parts.
 */
export interface CostBreakdown {
  /** Σ unitPrice × quantity */
  work: number;
  /** Σ unitPrice × socialValueWeight × sv × quantity */
  socialValueDiscount: number;
  /** Σ travelCostPerUnitKm × distance × quantity */
  travel: number;
  /** coordinationCostPerMember × members */
  coordination: number;
}

export interface Proposal {
  rank: number;
  /** GBP, rounded to the penny; proposals are ranked on this */
  cost: number;
  /** smeId of the lead: the coordinator when the lot needs one, else the member with the largest contract value */
  lead: string;
  members: ProposalMember[];
  socialValue: SocialValueSummary;
  breakdown: CostBreakdown;
  explanation: string[];
}

export type UnmetReason = 'no-firm' | 'certification' | 'distance' | 'capacity' | 'member-limit';

/**
 * Why a lot cannot be covered. Per skill, `required`, `available` and
 * `shortfall` count units. The lot-level entry (`skill: null`, reason
 * `member-limit`: every skill coverable alone but not all together within
 * the member limit) counts firms instead: `required` firms needed,
 * `available` = the lot's member limit.
 */
export interface Unmet {
  skill: Skill | null;
  required: number;
  available: number;
  shortfall: number;
  reason: UnmetReason;
  message: string;
  /** distance: how far the nearest otherwise eligible firm is */
  nearestKm?: number;
  /** certification: the requirements no offering firm meets, e.g. [["niceic","napit"]] */
  missingCertifications?: CertificationScheme[][];
  /** member-limit: the fewest firms that can cover it (a lower bound when the search ran out of time) */
  firmsNeeded?: number;
}

export interface EngineStats {
  /** firms in the input */
  firms: number;
  /** firms eligible and with free capacity for at least one required skill */
  candidates: number;
  /** candidates left after removing firms provably in no top-k set */
  searched: number;
  /** search tree nodes visited */
  nodes: number;
  elapsedMs: number;
}

export interface EngineResult {
  /** "optimal": the proposals are proven to be the k best; "timedout": best found within the budget */
  status: 'optimal' | 'timedout';
  /** true when at least one proposal exists */
  feasible: boolean;
  proposals: Proposal[];
  unmet: Unmet[];
  stats: EngineStats;
}

export type SplitForMembersResult = { ok: true; proposal: Proposal } | { ok: false; unmet: Unmet[]; idle?: string[] };
