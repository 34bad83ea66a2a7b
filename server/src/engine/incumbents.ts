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
 * Neighbours of a set M: M − m + t (swap), M + t (add) and M − m (drop), for
 * members m and the cheapest few offers t of each skill. A neighbour that
 * covers the lot but leaves members idle in its canonical split stands for
 * the smaller set without them: idle members come after every fill's last
 * used offer, so dropping them leaves every fill, hence the split, unchanged.
 */
import { toPennies } from '@lepa/shared';
import type { MatchModel } from './eligibility.ts';
import { canonicalSplit, type Split } from './split.ts';

export interface Incumbent {
  split: Split;
  cents: number;
}

/** Offers per skill tried as newcomers. */
const NEWCOMERS_PER_SKILL = 24;
/** Sets expanded at most, so the local search stays a small share of the budget. */
const MAX_EXPANSIONS = 40;

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
  const newcomerSet = new Set<number>();
  model.offers.forEach((offers) => {
    let taken = 0;
    for (let position = 0; position < offers.firms.length && taken < NEWCOMERS_PER_SKILL; position++) {
      const firm = offers.firms[position]!;
      if (excluded[firm]) continue;
      newcomerSet.add(firm);
      taken++;
    }
  });
  const newcomers = [...newcomerSet];

  const pool = new Map<string, Incumbent>();
  const expanded = new Set<string>();
  const keyOf = (members: readonly number[]) => [...members].sort((a, b) => a - b).join(',');
  let best: Incumbent[] = [];
  const rank = () => {
    best = [...pool.values()].sort(compare).slice(0, k);
  };
  for (const seed of seeds) pool.set(keyOf(seed.split.members), seed);
  rank();

  // Quick cost of the set a member list stands for (its working members), to skip hopeless neighbours cheaply.
  const order: number[] = [];
  const working = new Uint8Array(maxMembers + 1);
  const quickCost = (members: readonly number[]): number => {
    let cost = 0;
    working.fill(0);
    for (let skill = 0; skill < skillCount; skill++) {
      order.length = 0;
      members.forEach((firm, index) => {
        if (!Number.isNaN(model.unitCost[firm * skillCount + skill]!)) order.push(index);
      });
      order.sort((a, b) => model.unitCost[members[a]! * skillCount + skill]! - model.unitCost[members[b]! * skillCount + skill]!);
      let need = model.skills[skill]!.quantity;
      for (const index of order) {
        if (need === 0) break;
        const at = members[index]! * skillCount + skill;
        const take = Math.min(need, model.available[at]!);
        cost += take * model.unitCost[at]!;
        need -= take;
        working[index] = 1;
      }
      if (need > 0) return Infinity;
    }
    for (let index = 0; index < members.length; index++) cost += coordination * working[index]!;
    return cost;
  };

  const consider = (members: number[]): void => {
    if (members.length === 0 || members.length > maxMembers) return;
    const key = keyOf(members);
    if (pool.has(key)) return;
    const limit = best.length === k ? best[k - 1]!.cents / 100 : Infinity;
    if (quickCost(members) > limit + 1) return;
    let outcome = canonicalSplit(model, members);
    if (!outcome.covered) return;
    if (outcome.idle.length > 0) {
      const idle = outcome.idle;
      const working = outcome.split.members.filter((firm) => !idle.includes(firm));
      if (pool.has(keyOf(working))) return;
      outcome = canonicalSplit(model, working);
      if (!outcome.covered || outcome.idle.length > 0) return;
    }
    const incumbent = { split: outcome.split, cents: toPennies(outcome.split.rawCost) };
    if (best.length === k && compare(incumbent, best[k - 1]!) >= 0) return;
    pool.set(keyOf(outcome.split.members), incumbent);
    rank();
  };

  for (let expansions = 0; expansions < MAX_EXPANSIONS && !outOfTime(); expansions++) {
    const next = best.find((incumbent) => !expanded.has(keyOf(incumbent.split.members)));
    if (!next) break;
    const members = next.split.members;
    expanded.add(keyOf(members));
    const inSet = new Set(members);
    for (let drop = 0; drop < members.length; drop++) {
      const rest = members.filter((_, index) => index !== drop);
      consider(rest);
      for (const firm of newcomers) if (!inSet.has(firm)) consider([...rest, firm]);
    }
    if (members.length < maxMembers) for (const firm of newcomers) if (!inSet.has(firm)) consider([...members, firm]);
  }
  return best;
}
