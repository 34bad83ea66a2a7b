/**
 * The cheapest split for a fixed member set. It decomposes per skill: fill
 * the quantity from the members in (effective unit cost, id) order, each up
 * to its free units; for the unsplit coordinator the first member in that
 * order takes every unit (only firms able to take all of it are offers).
 * Greedy filling is optimal for one skill with linear costs and capacities,
 * and the id tie-break makes this cheapest split *canonical*: the engine,
 * the brute-force tests and `splitForMembers` all mean exactly this split.
 */
import type { MatchModel } from './eligibility.ts';

export interface SplitPart {
  firm: number;
  units: number;
  unitCost: number;
}

export interface Split {
  /** member firm indices in ascending id order */
  members: number[];
  /** per lot skill, the parts in fill order */
  fills: SplitPart[][];
  /** Σ c·y summed skill by skill in requirement order, then + coordination × members */
  rawCost: number;
}

export type SplitOutcome = { covered: true; split: Split; idle: number[] } | { covered: false; shortSkills: number[] };

/** Members' offers for one skill in fill order. */
export function fillOrder(model: MatchModel, skill: number, members: readonly number[]): number[] {
  const skillCount = model.skills.length;
  const cost = (firm: number) => model.unitCost[firm * skillCount + skill]!;
  return members
    .filter((firm) => !Number.isNaN(cost(firm)))
    .sort((a, b) => cost(a) - cost(b) || model.firms[a]!.idRank - model.firms[b]!.idRank);
}

export function canonicalSplit(model: MatchModel, members: readonly number[]): SplitOutcome {
  const skillCount = model.skills.length;
  const sortedMembers = [...new Set(members)].sort((a, b) => model.firms[a]!.idRank - model.firms[b]!.idRank);
  const fills: SplitPart[][] = [];
  const shortSkills: number[] = [];
  const working = new Set<number>();
  let rawCost = 0;
  model.skills.forEach((skill, index) => {
    let remaining = skill.quantity;
    const parts: SplitPart[] = [];
    for (const firm of fillOrder(model, index, sortedMembers)) {
      if (remaining === 0) break;
      const units = Math.min(remaining, model.available[firm * skillCount + index]!);
      const unitCost = model.unitCost[firm * skillCount + index]!;
      parts.push({ firm, units, unitCost });
      working.add(firm);
      rawCost += units * unitCost;
      remaining -= units;
    }
    if (remaining > 0) shortSkills.push(index);
    fills.push(parts);
  });
  if (shortSkills.length > 0) return { covered: false, shortSkills };
  rawCost += model.lot.coordinationCostPerMember * sortedMembers.length;
  return {
    covered: true,
    split: { members: sortedMembers, fills, rawCost },
    idle: sortedMembers.filter((firm) => !working.has(firm)),
  };
}
