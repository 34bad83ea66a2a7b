/**
 * A quick lower bound on how many firms any cover of the lot needs. Call two
 * skills *apart* when no candidate offers both. For skills pairwise apart,
 * no firm counts towards two of them, so a cover needs at least the sum of
 * the firms each needs on its own (largest free capacities first). The best
 * such set is a maximum-weight independent set in the "offered together"
 * graph: exact by enumeration up to 16 skills, greedy (still a valid bound) above.
 */
import type { MatchModel } from './eligibility.ts';
import { float64Of } from './typed.ts';

const EXACT_UP_TO_SKILLS = 16;

export function minimumMembers(model: MatchModel): number {
  const skillCount = model.skills.length;
  const alone = model.skills.map((skill, index) => {
    const available = model.offers[index]!.available;
    // Ascending numeric typed-array sort, reversed: largest free capacities first.
    const units = float64Of(available.length, (at) => Math.min(available[at]!, skill.quantity))
      .sort()
      .reverse();
    let need = skill.quantity;
    let firms = 0;
    for (const free of units) {
      if (need <= 0) break;
      need -= free;
      firms++;
    }
    return need > 0 ? Infinity : firms;
  });
  // together[j] = bit mask of skills some candidate offers alongside skill j
  const together = new Array<number>(skillCount).fill(0);
  for (let firm = 0; firm < model.firms.length; firm++) {
    let mask = 0;
    for (let skill = 0; skill < skillCount; skill++) {
      if (!Number.isNaN(model.unitCost[firm * skillCount + skill]!)) mask |= 1 << skill;
    }
    for (let skill = 0; skill < skillCount; skill++) if (mask & (1 << skill)) together[skill]! |= mask;
  }
  const apart = (set: number, skill: number) => (together[skill]! & set & ~(1 << skill)) === 0;

  if (skillCount <= EXACT_UP_TO_SKILLS) {
    let best = 0;
    const visit = (next: number, set: number, weight: number): void => {
      best = Math.max(best, weight);
      for (let skill = next; skill < skillCount; skill++) {
        if (apart(set, skill)) visit(skill + 1, set | (1 << skill), weight + alone[skill]!);
      }
    };
    visit(0, 0, 0);
    return best;
  }
  const byWeight = alone.map((_, skill) => skill).sort((a, b) => alone[b]! - alone[a]!);
  let set = 0;
  let weight = 0;
  for (const skill of byWeight) {
    if (apart(set, skill)) {
      set |= 1 << skill;
      weight += alone[skill]!;
    }
  }
  return weight;
}
