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

/**
 * Neighbours of the sets found so far (incumbents.ts), kept when they contain
 * the forced firms. Only sets with the forced firms seed it: a rival's
 * neighbours rarely contain them, so expanding rivals would be wasted.
 */
export function improveFound(state: SearchState): void {
  const { model, excluded, found, k, outOfTime } = state;
  const seeds = found.filter((set) => hasForced(state, set.split));
  if (seeds.length === 0) return;
  for (const incumbent of localSearch(model, excluded, seeds, k, (a, b) => compareFound(model, a, b), outOfTime))
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

/**
 * Quick first sets with the forced firms, so the cut is tight from the
 * start (the dive looks for sets below the limit blindly, and the local
 * search needs a set with the forced firms to start from): the forced firms
 * completed with the cheapest offers of the units they leave short, and
 * each set kept so far (the rivals) with the forced firms added, or swapped
 * in for one of its members. Each is turned into a real valid set (its
 * canonical split, idle members dropped) and kept only when the forced
 * firms work in it.
 */
export function seedForced(state: SearchState): void {
  const { model, forced, found, maxMembers } = state;
  const tryMembers = (members: readonly number[]): void => {
    let outcome = canonicalSplit(model, members);
    if (!outcome.covered) return;
    const idle = outcome.idle;
    if (idle.length > 0) {
      if (forced.some((firm) => idle.includes(firm))) return;
      outcome = canonicalSplit(
        model,
        outcome.split.members.filter((firm) => !idle.includes(firm)),
      );
      if (!outcome.covered) return;
    }
    if (outcome.split.members.length > maxMembers) return;
    keep(state, { split: outcome.split, cents: toPennies(outcome.split.rawCost) });
  };
  tryMembers(greedyCompletion(state));
  for (const set of [...found]) {
    const others = set.split.members.filter((firm) => !forced.includes(firm));
    tryMembers([...others, ...forced]);
    for (const dropped of others) tryMembers([...others.filter((firm) => firm !== dropped), ...forced]);
  }
}

/** The forced firms, then per skill the cheapest offers in play for the units they cannot supply. */
function greedyCompletion(state: SearchState): number[] {
  const { model, skillCount, forced } = state;
  const { quantity, offerFirms, offerAvailable } = state.tables;
  const members = [...forced];
  for (let skill = 0; skill < skillCount; skill++) {
    let need = quantity[skill]!;
    for (const firm of forced) {
      const at = firm * skillCount + skill;
      if (!Number.isNaN(model.unitCost[at]!)) need -= Math.min(need, model.available[at]!);
    }
    const firms = offerFirms[skill]!;
    for (let position = 0; position < firms.length && need > 0; position++) {
      const firm = firms[position]!;
      if (forced.includes(firm)) continue;
      if (!members.includes(firm)) members.push(firm);
      need -= offerAvailable[skill]![position]!;
    }
  }
  return members;
}
