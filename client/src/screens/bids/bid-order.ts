import type { Consortium } from '@lepa/shared';

export type CostOrder = 'ascending' | 'descending';

/** Members' mean distance to the lot, in km. */
export function meanDistanceKm(bid: Consortium): number {
  if (bid.members.length === 0) return 0;
  return bid.members.reduce((sum, m) => sum + m.distanceKm, 0) / bid.members.length;
}

/** Bids by cost; equal costs keep a stable order by id so the table does not shuffle on refresh. */
export function sortByCost(bids: readonly Consortium[], order: CostOrder): Consortium[] {
  const sign = order === 'ascending' ? 1 : -1;
  return [...bids].sort((a, b) => sign * (a.cost - b.cost) || a.id.localeCompare(b.id));
}
