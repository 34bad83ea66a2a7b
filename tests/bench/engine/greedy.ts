/**
 * Greedy baseline: fill every skill from the cheapest eligible offers on its
 * own (the coordinator: the cheapest firm able to take it all), then pay
 * coordination for the union. Fails when the union exceeds the member limit.
 */
import { toPennies } from '@lepa/shared';
import type { MatchModel } from '@lepa/engine/testing';

export function greedyPennies(model: MatchModel): number | null {
  const members = new Set<number>();
  let cost = 0;
  for (let skill = 0; skill < model.skills.length; skill++) {
    const offers = model.offers[skill]!;
    let need = model.skills[skill]!.quantity;
    for (let position = 0; position < offers.firms.length && need > 0; position++) {
      const units = Math.min(need, offers.available[position]!);
      cost += units * offers.unitCosts[position]!;
      members.add(offers.firms[position]!);
      need -= units;
    }
    if (need > 0) return null;
  }
  if (members.size > model.lot.maxMembers) return null;
  return toPennies(cost + model.lot.coordinationCostPerMember * members.size);
}
