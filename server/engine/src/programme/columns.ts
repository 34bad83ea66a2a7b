/**
 * Columns: the valid proposals of each programme lot the allocation chooses
 * from, each with its footprint on the programme's capacity rows. Row (L, s, k)
 * says: units of k given to s on L and on every programme lot whose window
 * overlaps L's are at most available(s,k) for L (DESIGN's formula, existing
 * bookings subtracted).
 */
import { SKILLS, haversineKm, toPennies, windowDays, type Skill } from '@lepa/shared';
import { availableUnits, bookedUnitsByFirm, buildMatchModel, type MatchModel } from '../eligibility.ts';
import { buildProposal } from '../proposal.ts';
import { LOCAL_RADIUS_KM, SMALL_FIRM_STAFF } from '../social-value.ts';
import type { Split } from '../split.ts';
import type { EngineFirm, EngineInput, Proposal } from '../types.ts';
import type { AllocatedProposal, ProgrammeInput } from './types.ts';

export interface Column {
  lot: number;
  /** sorted member ids joined: the member set's identity */
  key: string;
  members: string[];
  cents: number;
  contractPennies: number;
  localPennies: number;
  microSmallPennies: number;
  usage: { smeId: string; skill: Skill; units: number }[];
  proposal: AllocatedProposal;
  /** capacity rows this column uses and how many units on each */
  rows: Int32Array;
  rowUnits: Float64Array;
  /** the member whose units each row entry counts */
  rowFirms: string[];
}

export interface LotEntry {
  index: number;
  input: EngineInput;
  model: MatchModel;
  columns: Column[];
  keys: Set<string>;
  /** every valid proposal of the lot is among the columns */
  exhaustive: boolean;
}

export interface ProgrammeModel {
  input: ProgrammeInput;
  firmsById: Map<string, EngineFirm>;
  lots: LotEntry[];
  /** lots (indices) whose windows overlap each lot's, itself included */
  overlaps: number[][];
  /** row per (lot, firm, skill), keyed by `workKey` */
  rowIndex: Map<number, number>;
  rowLimit: number[];
  /** per (lot, firm, skill), keyed by `workKey`: the rows units of the firm's skill on that lot count on (its own and every overlapping lot's) */
  roomRows: Map<number, Int32Array>;
  /** each firm's position in `input.firms`, for numeric keys */
  firmIndex: Map<string, number>;
  bookedByLot: Map<string, Map<Skill, number>>[];
  days: number[];
}

export function windowsOverlap(a: { startDate: string; endDate: string }, b: { startDate: string; endDate: string }) {
  return a.startDate < b.endDate && b.startDate < a.endDate;
}

export function buildProgrammeModel(input: ProgrammeInput): ProgrammeModel {
  const firmsById = new Map(input.firms.map((firm) => [firm.id, firm]));
  const lots = input.lots.map((entry, index) => {
    const engineInput: EngineInput = { lot: entry.lot, firms: input.firms, booked: entry.booked };
    return {
      index,
      input: engineInput,
      model: buildMatchModel(engineInput),
      columns: [],
      keys: new Set<string>(),
      exhaustive: false,
    } satisfies LotEntry;
  });
  const overlaps = input.lots.map((a) =>
    input.lots.flatMap((b, index) => (windowsOverlap(a.lot, b.lot) ? [index] : [])),
  );
  return {
    input,
    firmsById,
    lots,
    overlaps,
    rowIndex: new Map(),
    rowLimit: [],
    roomRows: new Map(),
    firmIndex: new Map(input.firms.map((firm, index) => [firm.id, index])),
    bookedByLot: lots.map((entry) => bookedUnitsByFirm(entry.input.booked)),
    days: input.lots.map((entry) => windowDays(entry.lot.startDate, entry.lot.endDate)),
  };
}

const SKILL_INDEX = new Map<Skill, number>(SKILLS.map((skill, index) => [skill, index]));

/**
 * (lot, firm, skill) as one number: these maps are read for every room
 * check, and string keys built per check dominated large programmes' time.
 */
function workKey(programme: ProgrammeModel, lot: number, smeId: string, skill: Skill): number {
  return (lot * programme.firmIndex.size + programme.firmIndex.get(smeId)!) * SKILLS.length + SKILL_INDEX.get(skill)!;
}

/** The capacity row (lot, firm, skill), created with its limit available(s,k) for that lot on first use. */
function rowOf(programme: ProgrammeModel, lot: number, smeId: string, skill: Skill): number {
  const key = workKey(programme, lot, smeId, skill);
  let row = programme.rowIndex.get(key);
  if (row === undefined) {
    row = programme.rowLimit.length;
    programme.rowIndex.set(key, row);
    const capability = programme.firmsById.get(smeId)?.capabilities.find((entry) => entry.skill === skill);
    const booked = programme.bookedByLot[lot]!.get(smeId)?.get(skill) ?? 0;
    programme.rowLimit.push(capability ? availableUnits(capability.capacityPerMonth, programme.days[lot]!, booked) : 0);
  }
  return row;
}

/** The capacity rows that units of `skill` given to `smeId` on `lot` count on. */
export function rowsOfWork(programme: ProgrammeModel, lot: number, smeId: string, skill: Skill): Int32Array {
  const key = workKey(programme, lot, smeId, skill);
  let rows = programme.roomRows.get(key);
  if (!rows) {
    rows = Int32Array.from(programme.overlaps[lot]!, (other) => rowOf(programme, other, smeId, skill));
    programme.roomRows.set(key, rows);
  }
  return rows;
}

/** The column of an engine proposal for programme lot `lot`; the same member set twice is kept once. */
export function addProposal(programme: ProgrammeModel, lot: number, proposal: Proposal): Column | undefined {
  const entry = programme.lots[lot]!;
  const members = proposal.members.map((member) => member.smeId).sort();
  const key = members.join('\u0000');
  if (entry.keys.has(key)) return undefined;
  const lotLocation = entry.input.lot.location;
  let contract = 0;
  let local = 0;
  let microSmall = 0;
  const usage: Column['usage'] = [];
  const allocated: AllocatedProposal['members'] = [];
  for (const member of proposal.members) {
    const firm = programme.firmsById.get(member.smeId)!;
    const isLocal = haversineKm(lotLocation, firm.location) <= LOCAL_RADIUS_KM;
    const assignments = member.assignments.map((assignment) => {
      const unitPrice = firm.capabilities.find((capability) => capability.skill === assignment.skill)!.unitPrice;
      const value = toPennies(unitPrice * assignment.quantity);
      contract += value;
      if (isLocal) local += value;
      if (firm.employees < SMALL_FIRM_STAFF) microSmall += value;
      usage.push({ smeId: member.smeId, skill: assignment.skill, units: assignment.quantity });
      return { skill: assignment.skill, quantity: assignment.quantity, unitPrice };
    });
    allocated.push({ smeId: member.smeId, assignments });
  }
  const rows: number[] = [];
  const rowUnits: number[] = [];
  const rowFirms: string[] = [];
  for (const use of usage) {
    // Cached per (lot, firm, skill): many columns of a lot share a firm's work on a skill.
    for (const row of rowsOfWork(programme, lot, use.smeId, use.skill)) {
      rows.push(row);
      rowUnits.push(use.units);
      rowFirms.push(use.smeId);
    }
  }
  const column: Column = {
    lot,
    key,
    members,
    cents: toPennies(proposal.cost),
    contractPennies: contract,
    localPennies: local,
    microSmallPennies: microSmall,
    usage,
    proposal: { lead: proposal.lead, members: allocated, cost: proposal.cost },
    rows: Int32Array.from(rows),
    rowUnits: Float64Array.from(rowUnits),
    rowFirms,
  };
  entry.keys.add(key);
  entry.columns.push(column);
  return column;
}

export function addSplit(programme: ProgrammeModel, lot: number, split: Split): Column | undefined {
  return addProposal(programme, lot, buildProposal(programme.lots[lot]!.model, split, 1));
}

/**
 * A lower bound on any valid proposal's cost for the lot: every skill filled
 * from all its offers cheapest first (capacity respected, member limit
 * ignored) plus one member's coordination. Infinity when a skill cannot be filled.
 */
export function workLowerBoundCents(model: MatchModel): number {
  let total = model.lot.coordinationCostPerMember;
  model.skills.forEach((skill, index) => {
    const offers = model.offers[index]!;
    let remaining = skill.quantity;
    for (let position = 0; position < offers.firms.length && remaining > 0; position++) {
      const units = skill.unsplit ? remaining : Math.min(remaining, offers.available[position]!);
      total += units * offers.unitCosts[position]!;
      remaining -= units;
    }
    if (remaining > 0) total = Number.POSITIVE_INFINITY;
  });
  // Pennies rounded down, so the bound never exceeds a proposal's rounded cost.
  return Number.isFinite(total) ? Math.floor(total * 100 - 1e-6) : total;
}
