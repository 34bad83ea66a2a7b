/**
 * Every valid member set of one lot (DESIGN.md: each member gets work in the
 * set's canonical cheapest split, at most maxMembers members), enumerated by
 * a depth-first search over candidates in id order.
 *
 * Pruning rests on one monotonicity: adding a firm to a set never gives an
 * existing member more work. Per skill the canonical fill takes members in
 * (cost, id) order up to the quantity, so a member's units are
 * min(free, quantity − capacity of the members before it), and the capacity
 * before it can only grow when firms are added (for the unsplit coordinator
 * the first able member takes everything, and an added firm can only come
 * first). So once a member is idle in the partial fill of a set, it is idle
 * in every superset, and the whole subtree is skipped. A subtree is also
 * skipped when the set and every later candidate together cannot cover a skill.
 */
import type { MatchModel } from '../eligibility.ts';
import { canonicalSplit, type Split } from '../split.ts';

export interface ValidSets {
  splits: Split[];
  /** true when every valid set was listed (neither the set limit nor the node budget cut it short) */
  complete: boolean;
  nodes: number;
}

export interface EnumerateOptions {
  /** stop after this many valid sets */
  maxSets: number;
  /** stop after visiting this many sets (valid or not) */
  maxNodes: number;
  /** checked every 1,024 nodes */
  outOfTime?: () => boolean;
}

export function enumerateValidSets(model: MatchModel, options: EnumerateOptions): ValidSets {
  const skillCount = model.skills.length;
  const firmCount = model.firms.length;
  const order = Array.from({ length: firmCount }, (_, index) => index).sort(
    (a, b) => model.firms[a]!.idRank - model.firms[b]!.idRank,
  );
  // suffix[position × skills + skill]: free units of the candidates from this position on.
  const suffix = new Float64Array((firmCount + 1) * skillCount);
  const suffixUnsplitAble = new Uint8Array((firmCount + 1) * skillCount);
  for (let position = firmCount - 1; position >= 0; position--) {
    const firm = order[position]!;
    for (let skill = 0; skill < skillCount; skill++) {
      const free = Number.isNaN(model.unitCost[firm * skillCount + skill]!)
        ? 0
        : model.available[firm * skillCount + skill]!;
      suffix[position * skillCount + skill] = suffix[(position + 1) * skillCount + skill]! + free;
      suffixUnsplitAble[position * skillCount + skill] =
        suffixUnsplitAble[(position + 1) * skillCount + skill]! || free >= model.skills[skill]!.quantity ? 1 : 0;
    }
  }

  const splits: Split[] = [];
  const members: number[] = [];
  let nodes = 0;
  let stopped = false;
  const maxMembers = model.lot.maxMembers;

  /** Units each member gets in the partial canonical fill, and the units still missing per skill. */
  const partialFill = (): { idle: boolean; missing: Float64Array } => {
    const worked = new Uint8Array(members.length);
    const missing = new Float64Array(skillCount);
    for (let skill = 0; skill < skillCount; skill++) {
      const able: number[] = [];
      for (let index = 0; index < members.length; index++) {
        if (!Number.isNaN(model.unitCost[members[index]! * skillCount + skill]!)) able.push(index);
      }
      able.sort((a, b) => {
        const fa = members[a]!;
        const fb = members[b]!;
        return (
          model.unitCost[fa * skillCount + skill]! - model.unitCost[fb * skillCount + skill]! ||
          model.firms[fa]!.idRank - model.firms[fb]!.idRank
        );
      });
      let remaining = model.skills[skill]!.quantity;
      for (const index of able) {
        if (remaining <= 0) break;
        const free = model.available[members[index]! * skillCount + skill]!;
        worked[index] = 1;
        remaining -= Math.min(remaining, free);
      }
      missing[skill] = remaining;
    }
    return { idle: worked.some((value) => value === 0), missing };
  };

  const visit = (from: number): void => {
    for (let position = from; position < firmCount && !stopped; position++) {
      nodes += 1;
      if (nodes >= options.maxNodes || ((nodes & 1023) === 0 && options.outOfTime?.())) {
        stopped = true;
        return;
      }
      members.push(order[position]!);
      const fill = partialFill();
      if (!fill.idle) {
        let covered = true;
        let reachable = true;
        for (let skill = 0; skill < skillCount; skill++) {
          const missing = fill.missing[skill]!;
          if (missing <= 0) continue;
          covered = false;
          const later = position + 1;
          const coverable = model.skills[skill]!.unsplit
            ? suffixUnsplitAble[later * skillCount + skill] === 1
            : suffix[later * skillCount + skill]! >= missing;
          if (!coverable) reachable = false;
        }
        if (covered) {
          const outcome = canonicalSplit(model, members);
          if (outcome.covered && outcome.idle.length === 0) {
            splits.push(outcome.split);
            if (splits.length >= options.maxSets) stopped = true;
          }
        }
        if (!stopped && members.length < maxMembers && (covered || reachable)) visit(position + 1);
      }
      members.pop();
    }
  };
  if (skillCount > 0) visit(0);
  return { splits, complete: !stopped, nodes };
}
