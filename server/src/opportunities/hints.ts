/**
 * Lots near a firm, and what it would take to join them, by the published
 * scoring model: pure functions over the engine's own input types. A hint is
 * one change to the firm's profile; it is only offered when the model says the
 * change has the claimed effect (eligible, or a member of proposal N).
 */
import { solve, type BookedUnits, type EngineFirm, type EngineInput, type EngineLot } from '@lepa/engine';
import {
  SCHEME_LABELS,
  SKILL_LABELS,
  certificationValid,
  haversineKm,
  requiredCertifications,
  windowDays,
  type CertificationScheme,
  type OpportunityHint,
  type OpportunityStatus,
  type Skill,
} from '@lepa/shared';

/** How far beyond its radius a lot may lie and still be "nearly" reached (a radius hint). */
export const NEAR_MISS_EXTRA_KM = 25;
/** Proposals per lot, as the board shows them. */
export const PROPOSALS_K = 5;
const MAX_CAPACITY = 100_000;
const MAX_RADIUS_KM = 1000;

export type Blocker =
  | { kind: 'certification'; scheme: CertificationScheme; heldUntil: string | null }
  | { kind: 'radius'; distanceKm: number }
  | { kind: 'capacity'; capacityNeeded: number; capacityNow: number }
  /** the lot's own distance limit, or a radius beyond "nearly": nothing the firm can change */
  | { kind: 'out-of-reach' };

const dates = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const day = (isoDate: string) => dates.format(new Date(`${isoDate}T00:00:00Z`));
const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/** Units of `skill` the firm has booked in windows overlapping the lot's. */
function bookedUnits(booked: readonly BookedUnits[], smeId: string, skill: Skill): number {
  return booked.filter((b) => b.smeId === smeId && b.skill === skill).reduce((sum, b) => sum + b.units, 0);
}

/** available(s,k) = floor(capacity × windowDays / 30) − booked. */
export function availableUnits(capacityPerMonth: number, lot: EngineLot, booked: number): number {
  return Math.floor((capacityPerMonth * windowDays(lot.startDate, lot.endDate)) / 30) - booked;
}

/** The extra schemes every requirement row of the skill adds (rows of one skill are merged, as the engine does). */
function extraSchemes(lot: EngineLot, skill: Skill): CertificationScheme[] {
  return [...new Set(lot.requirements.filter((r) => r.skill === skill).flatMap((r) => r.certifications))];
}

/**
 * What stands between the firm and supplying `skill` on the lot; empty when it
 * is eligible with units available (a candidate), null when it does not offer the skill.
 */
export function blockersFor(
  firm: EngineFirm,
  lot: EngineLot,
  skill: Skill,
  booked: readonly BookedUnits[],
): Blocker[] | null {
  const capability = firm.capabilities.find((c) => c.skill === skill);
  if (!capability) return null;
  const blockers: Blocker[] = [];
  const distanceKm = haversineKm(lot.location, firm.location);
  if (lot.maxDistanceKm !== null && distanceKm > lot.maxDistanceKm) return [{ kind: 'out-of-reach' }];
  if (distanceKm > firm.serviceRadiusKm) {
    if (distanceKm > firm.serviceRadiusKm + NEAR_MISS_EXTRA_KM || Math.ceil(distanceKm) > MAX_RADIUS_KM) {
      return [{ kind: 'out-of-reach' }];
    }
    blockers.push({ kind: 'radius', distanceKm });
  }
  for (const group of requiredCertifications(skill, extraSchemes(lot, skill))) {
    const held = firm.certifications.filter((c) => group.includes(c.scheme));
    if (held.some((c) => certificationValid(c.expires, lot.endDate))) continue;
    // Renewing one already held is the smallest change; otherwise the group's first scheme.
    const latest = [...held].sort((a, b) => b.expires.localeCompare(a.expires))[0];
    blockers.push({ kind: 'certification', scheme: latest?.scheme ?? group[0]!, heldUntil: latest?.expires ?? null });
  }
  const booking = bookedUnits(booked, firm.id, skill);
  if (availableUnits(capability.capacityPerMonth, lot, booking) <= 0) {
    let needed = capability.capacityPerMonth + 1;
    while (needed <= MAX_CAPACITY && availableUnits(needed, lot, booking) <= 0) needed += 1;
    blockers.push(
      needed > MAX_CAPACITY
        ? { kind: 'out-of-reach' }
        : { kind: 'capacity', capacityNeeded: needed, capacityNow: capability.capacityPerMonth },
    );
  }
  return blockers;
}

/** The hint that removes a skill's only blocker, worded for the firm. */
function unlockHint(blocker: Blocker, skill: Skill, lot: EngineLot, today: string): OpportunityHint | null {
  const skillName = SKILL_LABELS[skill].toLowerCase();
  const effect = `→ you would be eligible for ${skillName}`;
  switch (blocker.kind) {
    case 'certification': {
      const name = SCHEME_LABELS[blocker.scheme];
      const was =
        blocker.heldUntil === null
          ? `get ${name} certification, valid to ${day(lot.endDate)} or later`
          : blocker.heldUntil < today
            ? `renew ${name} (expired ${day(blocker.heldUntil)})`
            : `renew ${name} (expires ${day(blocker.heldUntil)}, before the work ends on ${day(lot.endDate)})`;
      return {
        kind: 'certification',
        skill,
        change: { scheme: blocker.scheme, expires: lot.endDate },
        effect: 'eligible',
        rank: null,
        message: `${was} ${effect}`,
      };
    }
    case 'radius': {
      const radius = Math.ceil(blocker.distanceKm);
      return {
        kind: 'radius',
        skill,
        change: { serviceRadiusKm: radius },
        effect: 'eligible',
        rank: null,
        message: `extend your radius to ${radius} km (the lot is ${blocker.distanceKm.toFixed(1)} km away) ${effect}`,
      };
    }
    case 'capacity':
      return {
        kind: 'capacity',
        skill,
        change: { capacityPerMonth: blocker.capacityNeeded },
        effect: 'eligible',
        rank: null,
        message: `capacity for ${skillName} ${blocker.capacityNeeded}/month (now ${blocker.capacityNow}, all booked in this window) ${effect}`,
      };
    case 'out-of-reach':
      return null;
  }
}

export interface OpportunityCore {
  distanceKm: number;
  skills: Skill[];
  status: OpportunityStatus;
  bestRank: number | null;
  hints: OpportunityHint[];
  /** skills the firm could supply now: where a lower unit price might win it a place */
  eligibleSkills: Skill[];
}

/**
 * Where the firm stands on one open lot, or null when the lot is beyond one
 * change's reach (or needs nothing the firm offers). Hints cover every skill
 * held back by exactly one thing the firm can change.
 */
export function opportunityFor(args: {
  firm: EngineFirm;
  lot: EngineLot;
  booked: readonly BookedUnits[];
  /** the lot's answered proposals: only who is in which rank matters here */
  proposals: readonly { rank: number; members: readonly { smeId: string }[] }[];
  today: string;
}): OpportunityCore | null {
  const { firm, lot, booked, proposals, today } = args;
  const lotSkills = [...new Set(lot.requirements.filter((r) => r.quantity > 0).map((r) => r.skill))];
  const skills = lotSkills.filter((skill) => firm.capabilities.some((c) => c.skill === skill));
  if (skills.length === 0) return null;
  const eligibleSkills: Skill[] = [];
  const hints: OpportunityHint[] = [];
  for (const skill of skills) {
    const blockers = blockersFor(firm, lot, skill, booked) ?? [];
    if (blockers.length === 0) eligibleSkills.push(skill);
    else if (blockers.length === 1) {
      const hint = unlockHint(blockers[0]!, skill, lot, today);
      if (hint) hints.push(hint);
    }
  }
  const ranks = proposals.filter((p) => p.members.some((m) => m.smeId === firm.id)).map((p) => p.rank);
  const bestRank = ranks.length > 0 ? Math.min(...ranks) : null;
  const status: OpportunityStatus =
    bestRank !== null ? 'proposed' : eligibleSkills.length > 0 ? 'eligible' : 'near-miss';
  if (bestRank === null && eligibleSkills.length === 0 && hints.length === 0) return null;
  return {
    distanceKm: Math.round(haversineKm(lot.location, firm.location) * 100) / 100,
    skills,
    status,
    bestRank,
    hints,
    eligibleSkills,
  };
}

/** The firm's best rank in the k best proposals of `input`, or null when it is in none (or the search timed out). */
function rankOf(input: EngineInput, smeId: string, timeBudgetMs: number): number | null | 'timedout' {
  const result = solve(input, { k: PROPOSALS_K, timeBudgetMs });
  if (result.status === 'timedout') return 'timedout';
  const ranks = result.proposals.filter((p) => p.members.some((m) => m.smeId === smeId)).map((p) => p.rank);
  return ranks.length > 0 ? Math.min(...ranks) : null;
}

function withUnitPrice(input: EngineInput, smeId: string, skill: Skill, unitPrice: number): EngineInput {
  return {
    ...input,
    firms: input.firms.map((firm) =>
      firm.id !== smeId
        ? firm
        : { ...firm, capabilities: firm.capabilities.map((c) => (c.skill === skill ? { ...c, unitPrice } : c)) },
    ),
  };
}

/**
 * The highest unit price (to the penny) at which the firm would be a member
 * of one of the lot's k best proposals, and the best rank it would then hold:
 * found by bisection, since a lower price only makes the firm's sets cheaper
 * and leaves every other set as it was. Null when even a penny would not do,
 * or when a search ran out of time (then nothing is claimed).
 */
export function unitPriceToJoin(
  input: EngineInput,
  smeId: string,
  skill: Skill,
  timeBudgetMs = 1000,
): { unitPrice: number; rank: number } | null {
  const firm = input.firms.find((f) => f.id === smeId);
  const current = firm?.capabilities.find((c) => c.skill === skill)?.unitPrice;
  if (current === undefined) return null;
  const at = (pennies: number) => rankOf(withUnitPrice(input, smeId, skill, pennies / 100), smeId, timeBudgetMs);
  const floorRank = at(1);
  if (floorRank === null || floorRank === 'timedout') return null;
  let low = 1;
  let lowRank = floorRank;
  let high = Math.round(current * 100);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const rank = at(middle);
    if (rank === 'timedout') return null;
    if (rank === null) high = middle;
    else {
      low = middle;
      lowRank = rank;
    }
  }
  if (low >= Math.round(current * 100)) return null;
  return { unitPrice: low / 100, rank: lowRank };
}

export function unitPriceHint(skill: Skill, found: { unitPrice: number; rank: number }): OpportunityHint {
  return {
    kind: 'unit-price',
    skill,
    change: { unitPrice: found.unitPrice },
    effect: 'proposal',
    rank: found.rank,
    message: `a unit price for ${SKILL_LABELS[skill].toLowerCase()} of ${gbp.format(found.unitPrice)} or less would put you in proposal ${found.rank}`,
  };
}
