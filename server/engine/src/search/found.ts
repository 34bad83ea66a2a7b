/**
 * The sets the search keeps: leaves turned into canonical splits, the local
 * search's proposals around the best, and the k best of them in proposal order.
 */
import { toPennies } from '@lepa/shared';
import type { MatchModel } from '../eligibility.ts';
import { localSearch } from '../incumbents.ts';
import { canonicalSplit, type Split } from '../split.ts';
import type { FoundSet, SearchState } from './state.ts';

/** Proposal order: pennies, then fewer members, then sorted member ids compared lexicographically. */
export function compareFound(model: MatchModel, a: FoundSet, b: FoundSet): number {
  if (a.cents !== b.cents) return a.cents - b.cents;
  const sizeA = a.split.members.length;
  const sizeB = b.split.members.length;
  if (sizeA !== sizeB) return sizeA - sizeB;
  for (let index = 0; index < sizeA; index++) {
    const difference = model.firms[a.split.members[index]!]!.idRank - model.firms[b.split.members[index]!]!.idRank;
    if (difference !== 0) return difference;
  }
  return 0;
}

export function hasForced(state: SearchState, split: Split): boolean {
  return state.forced.every((firm) => split.members.includes(firm));
}

/** Keeps a valid set among the k best found, once (the local search may have offered it before). */
export function keep(state: SearchState, candidate: FoundSet): void {
  const { found, k, model } = state;
  if (found.length === k && compareFound(model, candidate, found[k - 1]!) >= 0) return;
  if (found.some((other) => compareFound(model, candidate, other) === 0)) return;
  let slot = found.length === k ? k - 1 : found.length;
  found[slot] = candidate;
  while (slot > 0 && compareFound(model, found[slot]!, found[slot - 1]!) < 0) {
    [found[slot], found[slot - 1]] = [found[slot - 1]!, found[slot]!];
    slot--;
  }
}

/** Neighbours of the sets found so far (incumbents.ts), kept when they contain the forced firms. */
export function improveFound(state: SearchState): void {
  const { model, excluded, found, k, outOfTime } = state;
  if (found.length === 0) return;
  for (const incumbent of localSearch(model, excluded, found, k, (a, b) => compareFound(model, a, b), outOfTime))
    if (hasForced(state, incumbent.split)) keep(state, incumbent);
}

/** A leaf: the members' canonical split is a valid set by construction. */
export function recordLeaf(state: SearchState): void {
  const outcome = canonicalSplit(state.model, state.members);
  // Unreachable by construction, except a forced member left idle: that path stands for a set without it.
  if (!outcome.covered || outcome.idle.length > 0) return;
  const candidate = { split: outcome.split, cents: toPennies(outcome.split.rawCost) };
  keep(state, candidate);
  // One set is enough for the local search to start from.
  if (state.diving) state.stopped = true;
  // A new best set: its neighbourhood likely holds the next best, which tightens the cut now.
  else if (state.found[0] === candidate) improveFound(state);
}
