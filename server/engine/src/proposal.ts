/** Turns a canonical split into DESIGN's Proposal shape (explanations are added by explain.ts). */
import { roundPennies, toPennies, type Skill } from '@lepa/shared';
import type { MatchModel } from './eligibility.ts';
import { socialValueSummary } from './social-value.ts';
import type { Split } from './split.ts';
import type { Assignment, CostBreakdown, Proposal } from './types.ts';

export interface MemberWork {
  firm: number;
  assignments: Assignment[];
  /** Σ unitPrice × quantity, in pennies */
  contractPennies: number;
}

/** Per member in id order: its assignments in requirement order and its contract value. */
export function memberWork(model: MatchModel, split: Split): MemberWork[] {
  const byFirm = new Map<number, MemberWork>(
    split.members.map((firm) => [firm, { firm, assignments: [], contractPennies: 0 }]),
  );
  const { lot } = model;
  split.fills.forEach((parts, skillIndex) => {
    const skill = model.skills[skillIndex]!.skill;
    for (const part of parts) {
      const work = byFirm.get(part.firm)!;
      const candidate = model.firms[part.firm]!;
      const price = unitPrice(model, part.firm, skill);
      work.assignments.push({
        skill,
        quantity: part.units,
        unitCost: roundPennies(part.unitCost),
        unitPrice: price,
        socialValueDiscount: roundPennies(price * lot.socialValueWeight * candidate.socialValue * part.units),
        travel: roundPennies(lot.travelCostPerUnitKm * candidate.distanceKm * part.units),
      });
      work.contractPennies += toPennies(price * part.units);
    }
  });
  return [...byFirm.values()];
}

export function unitPrice(model: MatchModel, firm: number, skill: Skill): number {
  return model.firms[firm]!.firm.capabilities.find((capability) => capability.skill === skill)!.unitPrice;
}

/** The coordinator when the lot needs one; otherwise the largest contract value, ties to the lower id. */
export function leadOf(model: MatchModel, split: Split, work: readonly MemberWork[]): number {
  const coordinatorSkill = model.skills.findIndex((skill) => skill.unsplit);
  if (coordinatorSkill >= 0) return split.fills[coordinatorSkill]![0]!.firm;
  let lead = work[0]!;
  for (const candidate of work) if (candidate.contractPennies > lead.contractPennies) lead = candidate;
  return lead.firm; // `work` is in id order, so the first of equal values has the lower id
}

export function costBreakdown(model: MatchModel, split: Split): CostBreakdown {
  const { lot } = model;
  let work = 0;
  let discount = 0;
  split.fills.forEach((parts, skillIndex) => {
    for (const part of parts) {
      const price = unitPrice(model, part.firm, model.skills[skillIndex]!.skill);
      work += price * part.units;
      discount += price * lot.socialValueWeight * model.firms[part.firm]!.socialValue * part.units;
    }
  });
  const costPennies = toPennies(split.rawCost);
  const workPennies = toPennies(work);
  const discountPennies = toPennies(discount);
  const coordinationPennies = toPennies(lot.coordinationCostPerMember * split.members.length);
  return {
    work: workPennies / 100,
    socialValueDiscount: discountPennies / 100,
    travel: (costPennies - workPennies + discountPennies - coordinationPennies) / 100,
    coordination: coordinationPennies / 100,
  };
}

export function buildProposal(model: MatchModel, split: Split, rank: number): Proposal {
  const work = memberWork(model, split);
  const lead = leadOf(model, split, work);
  const ordered = [...work.filter((member) => member.firm === lead), ...work.filter((member) => member.firm !== lead)];
  return {
    rank,
    cost: toPennies(split.rawCost) / 100,
    lead: model.firms[lead]!.firm.id,
    members: ordered.map((member) => {
      const candidate = model.firms[member.firm]!;
      return {
        smeId: candidate.firm.id,
        name: candidate.firm.name,
        distanceKm: Math.round(candidate.distanceKm * 100) / 100,
        assignments: member.assignments,
      };
    }),
    socialValue: socialValueSummary(
      work.map((member) => ({
        firm: model.firms[member.firm]!.firm,
        distanceKm: model.firms[member.firm]!.distanceKm,
        contractValue: member.contractPennies / 100,
      })),
    ),
    breakdown: costBreakdown(model, split),
    explanation: [],
  };
}
