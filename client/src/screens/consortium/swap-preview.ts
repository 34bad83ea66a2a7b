import {
  effectiveUnitCost,
  haversineKm,
  roundPennies,
  socialValueScore,
  type Assignment,
  type Consortium,
  type Lot,
  type Proposal,
  type ProposalMember,
  type Skill,
  type Sme,
} from '@lepa/shared';

/** What a member swap would give, shown before the lead confirms it. */
export interface SwapPreview {
  /** the new members with their work */
  members: ProposalMember[];
  cost: number;
  costChange: number;
  /**
   * true: the new member set is one of the lot's live proposals, so these are
   * the server's own figures; false: an estimate in which the replacement
   * takes over exactly the outgoing member's work (the server's cheapest split
   * for the set costs at most this when the replacement has the capacity)
   */
  exact: boolean;
  /** skills of the outgoing member the replacement does not offer: someone else must take them, or the set fails */
  uncovered: Skill[];
}

export interface SwapInput {
  consortium: Consortium;
  outgoingId: string;
  incoming: Sme;
  lot: Lot;
  proposals: readonly Proposal[];
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id) => b.includes(id));

/** The member ids after replacing `outgoingId` with `incomingId`, the lead first as the server keeps it. */
export function swappedMemberIds(consortium: Consortium, outgoingId: string, incomingId: string): string[] {
  return consortium.members.map((m) => (m.smeId === outgoingId ? incomingId : m.smeId));
}

export function previewSwap({ consortium, outgoingId, incoming, lot, proposals }: SwapInput): SwapPreview {
  const ids = swappedMemberIds(consortium, outgoingId, incoming.id);
  const proposal = proposals.find((p) =>
    sameSet(
      p.members.map((m) => m.smeId),
      ids,
    ),
  );
  if (proposal) {
    return {
      members: proposal.members,
      cost: proposal.cost,
      costChange: roundPennies(proposal.cost - consortium.cost),
      exact: true,
      uncovered: [],
    };
  }

  const outgoing = consortium.members.find((m) => m.smeId === outgoingId);
  const distanceKm = haversineKm(incoming.location, lot.location);
  const sv = socialValueScore(incoming.socialValue, incoming.ownership);
  const taken: Assignment[] = [];
  const uncovered: Skill[] = [];
  for (const work of outgoing?.assignments ?? []) {
    const capability = incoming.capabilities.find((c) => c.skill === work.skill);
    if (!capability) {
      uncovered.push(work.skill);
      continue;
    }
    const unitCost = roundPennies(
      effectiveUnitCost({
        unitPrice: capability.unitPrice,
        socialValue: sv,
        socialValueWeight: lot.socialValueWeight,
        travelCostPerUnitKm: lot.travelCostPerUnitKm,
        distanceKm,
      }),
    );
    taken.push({ skill: work.skill, quantity: work.quantity, unitCost });
  }
  const workCost = (assignments: readonly Assignment[]) =>
    assignments.reduce((sum, a) => sum + a.unitCost * a.quantity, 0);
  const before = workCost(outgoing?.assignments.filter((a) => !uncovered.includes(a.skill)) ?? []);
  const cost = roundPennies(consortium.cost - before + workCost(taken));
  const members = consortium.members.map((m): ProposalMember =>
    m.smeId === outgoingId
      ? { smeId: incoming.id, name: incoming.name, distanceKm, assignments: taken }
      : { smeId: m.smeId, name: m.name, distanceKm: m.distanceKm, assignments: m.assignments },
  );
  return { members, cost, costChange: roundPennies(cost - consortium.cost), exact: false, uncovered };
}

/** A firm the lead may bring in instead of a member. */
export interface SwapCandidate {
  smeId: string;
  name: string;
  distanceKm: number;
  /** where the lead found it: the best live proposal that includes it, or a search */
  source: { rank: number } | 'search';
}

/**
 * Firms of the lot's other live proposals that do some of the outgoing
 * member's skills there, and are not already members; nearest first.
 */
export function alternativesFromProposals(
  consortium: Consortium,
  outgoingId: string,
  proposals: readonly Proposal[],
): SwapCandidate[] {
  const skills = new Set(consortium.members.find((m) => m.smeId === outgoingId)?.assignments.map((a) => a.skill));
  const members = new Set(consortium.members.map((m) => m.smeId));
  const found = new Map<string, SwapCandidate>();
  for (const proposal of proposals) {
    for (const member of proposal.members) {
      if (members.has(member.smeId) || found.has(member.smeId)) continue;
      if (!member.assignments.some((a) => skills.has(a.skill))) continue;
      found.set(member.smeId, {
        smeId: member.smeId,
        name: member.name,
        distanceKm: member.distanceKm,
        source: { rank: proposal.rank },
      });
    }
  }
  return [...found.values()].sort((a, b) => a.distanceKm - b.distanceKm);
}
