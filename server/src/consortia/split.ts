/** The cheapest split for a member set, and what a consortium keeps of it. */
import { SKILL_LABELS, type FieldIssue, type Ownership, type Skill } from '@lepa/shared';
import { splitForMembers, type EngineInput, type Proposal } from '@lepa/engine';

/** A member's profile as it stood when the split was made: the social value statement reports these. */
export interface MemberSnapshot {
  smeId: string;
  employees: number;
  ownership: Ownership;
  realLivingWage: boolean;
  apprentices: number;
  localEmployeesPct: number;
  charterSignatory: boolean;
  /** Σ unitPrice × quantity, GBP */
  contractValue: number;
}

/** Stored in `consortia.proposal`: the engine's proposal for the member set plus the members' snapshots. */
export interface StoredSplit {
  proposal: Proposal;
  members: MemberSnapshot[];
}

export type SplitOutcome = { ok: true; split: StoredSplit } | { ok: false; message: string; issues: FieldIssue[] };

/**
 * The engine's cheapest split for exactly these firms. A set that cannot cover
 * the lot, or that leaves a member without work, comes back as 400 issues
 * naming the short skills and the idle firms (by name where known).
 */
export function splitForMemberSet(
  input: EngineInput,
  memberIds: readonly string[],
  names: ReadonlyMap<string, string>,
): SplitOutcome {
  const result = splitForMembers(input, memberIds);
  if (!result.ok) {
    const issues: FieldIssue[] = [
      ...result.unmet.map((unmet) => ({
        field: 'members',
        message: unmet.message,
        ...(unmet.skill ? { skill: unmet.skill } : {}),
        reason: unmet.reason,
      })),
      ...(result.idle ?? []).map((smeId) => ({
        field: 'members',
        message: `${names.get(smeId) ?? smeId} would get no work in the cheapest split (or cannot work on this lot); drop it`,
        smeId,
      })),
    ];
    // The message is shown to people as it is: skills by their names, not their codes (details keep the codes).
    const short = result.unmet.map((u) => (u.skill ? SKILL_LABELS[u.skill].toLowerCase() : 'the member limit'));
    const idle = (result.idle ?? []).map((id) => names.get(id) ?? id);
    const parts = [
      short.length > 0 ? `these firms cannot cover ${short.join(', ')}` : '',
      idle.length > 0 ? `idle members: ${idle.join(', ')}` : '',
    ].filter(Boolean);
    return { ok: false, message: `This member set cannot make a consortium: ${parts.join('; ')}`, issues };
  }
  const firms = new Map(input.firms.map((firm) => [firm.id, firm]));
  const members = result.proposal.members.map((member): MemberSnapshot => {
    const firm = firms.get(member.smeId)!;
    const price = (skill: Skill) => firm.capabilities.find((c) => c.skill === skill)?.unitPrice ?? 0;
    const contract = member.assignments.reduce((sum, a) => sum + price(a.skill) * a.quantity, 0);
    return {
      smeId: firm.id,
      employees: firm.employees,
      ownership: firm.ownership,
      realLivingWage: firm.socialValue.realLivingWage,
      apprentices: firm.socialValue.apprentices,
      localEmployeesPct: firm.socialValue.localEmployeesPct,
      charterSignatory: firm.socialValue.charterSignatory,
      contractValue: Math.round(contract * 100) / 100,
    };
  });
  return { ok: true, split: { proposal: result.proposal, members } };
}
