/**
 * Local search for good valid member sets, to give the exact search its
 * k-th best early (a tight pruning limit) instead of widening its cost cap.
 *
 * It only ever *proposes* sets: each one returned is a real valid member set
 * with its canonical split (split.ts), so keeping it among the best found is
 * harmless to exactness. The search still proves, by its own bounds, that no
 * set it has not seen ranks before the k-th it keeps; a better incumbent only
 * lets it cut sooner.
 *
 * Neighbours of a set M: M − m (drop), M − m + t (swap, t offering a skill m
 * works on) and M + t (add, t cheaper than a worker on some skill), for the
 * cheapest few offers t of each skill. A neighbour that covers the lot but
 * leaves members idle in its canonical split stands for the smaller set
 * without them: idle members come after every fill's last used offer, so
 * dropping them leaves every fill, hence the split, unchanged.
 */
import { toPennies } from '@lepa/shared';
import type { MatchModel } from './eligibility.ts';
import { canonicalSplit, type Split } from './split.ts';

export interface Incumbent {
  split: Split;
  cents: number;
}

/** Offers per skill tried as newcomers. */
const NEWCOMERS_PER_SKILL = 16;
/** Sets expanded at most, so the local search stays a small share of the budget. */
const MAX_EXPANSIONS = 24;

export function localSearch(
  model: MatchModel,
  excluded: Uint8Array,
  seeds: readonly Incumbent[],
  k: number,
  compare: (a: Incumbent, b: Incumbent) => number,
  outOfTime: () => boolean,
): Incumbent[] {
  const skillCount = model.skills.length;
  const { maxMembers, coordinationCostPerMember: coordination } = model.lot;
  const { unitCost, available } = model;
  const quantity = Float64Array.from(model.skills, (skill) => skill.quantity);

  const newcomersOf: Int32Array[] = model.offers.map((offers) => {
    const list: number[] = [];
    for (let position = 0; position < offers.firms.length && list.length < NEWCOMERS_PER_SKILL; position++) {
      if (!excluded[offers.firms[position]!]) list.push(offers.firms[position]!);
    }
    return Int32Array.from(list);
  });
  const allNewcomers = [...new Set(newcomersOf.flatMap((list) => [...list]))];

  const seen = new Set<string>();
  const expanded = new Set<string>();
  const keyOf = (members: readonly number[]) => [...members].sort((a, b) => a - b).join(',');
  const best: Incumbent[] = [];
  const insert = (incumbent: Incumbent): void => {
    if (best.length === k && compare(incumbent, best[k - 1]!) >= 0) return;
    if (best.length === k) best.pop();
    let slot = best.length;
    best.push(incumbent);
    while (slot > 0 && compare(best[slot]!, best[slot - 1]!) < 0) {
      [best[slot], best[slot - 1]] = [best[slot - 1]!, best[slot]!];
      slot--;
    }
  };
  for (const seed of seeds) {
    const key = keyOf(seed.split.members);
    if (seen.has(key)) continue;
    seen.add(key);
    insert(seed);
  }

  // Quick cost of the set a member list stands for (its working members), to skip hopeless neighbours cheaply.
  const buffer = new Int32Array(maxMembers + 1);
  const order = new Int32Array(maxMembers + 1);
  const working = new Uint8Array(maxMembers + 1);
  const quickCost = (size: number): number => {
    let cost = 0;
    working.fill(0);
    for (let skill = 0; skill < skillCount; skill++) {
      let count = 0;
      for (let index = 0; index < size; index++) {
        const at = buffer[index]! * skillCount + skill;
        if (Number.isNaN(unitCost[at]!)) continue;
        let slot = count++;
        while (slot > 0 && unitCost[buffer[order[slot - 1]!]! * skillCount + skill]! > unitCost[at]!) {
          order[slot] = order[slot - 1]!;
          slot--;
        }
        order[slot] = index;
      }
      let need = quantity[skill]!;
      for (let slot = 0; slot < count && need > 0; slot++) {
        const at = buffer[order[slot]!]! * skillCount + skill;
        const take = Math.min(need, available[at]!);
        cost += take * unitCost[at]!;
        need -= take;
        working[order[slot]!] = 1;
      }
      if (need > 0) return Infinity;
    }
    for (let index = 0; index < size; index++) cost += coordination * working[index]!;
    return cost;
  };

  const consider = (size: number): void => {
    if (size === 0 || size > maxMembers) return;
    const limit = best.length === k ? best[k - 1]!.cents / 100 : Infinity;
    if (quickCost(size) > limit + 0.02) return;
    const members = Array.from(buffer.subarray(0, size));
    const key = keyOf(members);
    if (seen.has(key)) return;
    seen.add(key);
    let outcome = canonicalSplit(model, members);
    if (!outcome.covered) return;
    if (outcome.idle.length > 0) {
      const idle = outcome.idle;
      const workingMembers = outcome.split.members.filter((firm) => !idle.includes(firm));
      const workingKey = keyOf(workingMembers);
      if (seen.has(workingKey)) return;
      seen.add(workingKey);
      outcome = canonicalSplit(model, workingMembers);
      if (!outcome.covered || outcome.idle.length > 0) return;
    }
    insert({ split: outcome.split, cents: toPennies(outcome.split.rawCost) });
  };

  const inSet = new Uint8Array(model.firms.length);
  const marked = new Uint8Array(model.firms.length);
  for (let expansions = 0; expansions < MAX_EXPANSIONS && !outOfTime(); expansions++) {
    const next = best.find((incumbent) => !expanded.has(keyOf(incumbent.split.members)));
    if (!next) break;
    const { members, fills } = next.split;
    expanded.add(keyOf(members));
    for (const firm of members) inSet[firm] = 1;
    // Per skill, the dearest unit cost the set pays: an added firm must undercut one of them.
    const dearest = fills.map((parts) => (parts.length > 0 ? parts[parts.length - 1]!.unitCost : -Infinity));
    for (let drop = 0; drop < members.length; drop++) {
      let size = 0;
      for (let index = 0; index < members.length; index++) if (index !== drop) buffer[size++] = members[index]!;
      consider(size);
      const dropped = members[drop]!;
      const touched: number[] = [];
      fills.forEach((parts, skill) => {
        if (!parts.some((part) => part.firm === dropped)) return;
        for (const firm of newcomersOf[skill]!) {
          if (inSet[firm] || marked[firm]) continue;
          marked[firm] = 1;
          touched.push(firm);
        }
      });
      for (const firm of touched) {
        marked[firm] = 0;
        buffer[size] = firm;
        consider(size + 1);
      }
    }
    if (members.length < maxMembers) {
      for (const firm of allNewcomers) {
        if (inSet[firm]) continue;
        let undercuts = false;
        for (let skill = 0; skill < skillCount && !undercuts; skill++) {
          undercuts = unitCost[firm * skillCount + skill]! < dearest[skill]!;
        }
        if (!undercuts) continue;
        members.forEach((member, index) => (buffer[index] = member));
        buffer[members.length] = firm;
        consider(members.length + 1);
      }
    }
    for (const firm of members) inSet[firm] = 0;
  }
  return best;
}
