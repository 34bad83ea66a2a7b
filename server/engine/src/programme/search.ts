/**
 * Exact branch and bound over the choice of one column (or none) per lot.
 * Exact over the columns it is given: the caller only calls the answer
 * optimal when every lot's columns are all its valid proposals.
 */
import type { Column, ProgrammeModel } from './columns.ts';
import { AllocationState, compareCheapest, compareReach, type Score } from './state.ts';

const EXACT_UNION = 400;

export interface SearchGoal {
  policy: 'cheapest' | 'reach';
  /** reach: lots that must be covered */
  target?: number;
  /** reach: most total cost allowed, in pennies */
  budgetCents?: number;
}

export interface SearchOutcome {
  best: (Column | null)[] | null;
  score: Score | null;
  complete: boolean;
  nodes: number;
}

export function acceptable(goal: SearchGoal, score: Score): boolean {
  if (goal.policy === 'cheapest') return true;
  return score.covered === goal.target && score.cents <= goal.budgetCents!;
}

export function better(goal: SearchGoal, a: Score, b: Score | null): boolean {
  if (!b) return true;
  return (goal.policy === 'cheapest' ? compareCheapest(a, b) : compareReach(a, b)) < 0;
}

export function branchAndBound(
  programme: ProgrammeModel,
  goal: SearchGoal,
  incumbent: { chosen: (Column | null)[]; score: Score } | null,
  outOfTime: () => boolean,
): SearchOutcome {
  const lotCount = programme.lots.length;
  const order = programme.lots
    .map((entry) => entry.index)
    .sort((a, b) => programme.lots[a]!.columns.length - programme.lots[b]!.columns.length || a - b);
  const columns = order.map((lot) => [...programme.lots[lot]!.columns].sort((a, b) => a.cents - b.cents));
  const possible = new Int32Array(lotCount + 1);
  const minCents = new Float64Array(lotCount + 1);
  const maxMembers = new Int32Array(lotCount + 1);
  const unionSize = new Int32Array(lotCount + 1);
  const union = new Set<string>();
  const unions: string[][] = new Array(lotCount + 1).fill([]);
  for (let position = lotCount - 1; position >= 0; position--) {
    const lotColumns = columns[position]!;
    const has = lotColumns.length > 0;
    possible[position] = possible[position + 1]! + (has ? 1 : 0);
    minCents[position] = minCents[position + 1]! + (has ? lotColumns[0]!.cents : 0);
    maxMembers[position] =
      maxMembers[position + 1]! + Math.max(0, ...lotColumns.map((column) => column.members.length));
    for (const column of lotColumns) for (const member of column.members) union.add(member);
    unionSize[position] = union.size;
    if (union.size <= EXACT_UNION) unions[position] = [...union];
  }

  const state = new AllocationState(programme);
  let best = incumbent ? [...incumbent.chosen] : null;
  let bestScore = incumbent && acceptable(goal, incumbent.score) ? incumbent.score : null;
  if (!bestScore) best = null;
  let nodes = 0;
  let stopped = false;

  /** Firms without work so far that the remaining lots' columns could add (counted exactly when few). */
  const newFirmsBound = (position: number): number => {
    if (unionSize[position]! > EXACT_UNION) return unionSize[position]!;
    let fresh = 0;
    for (const firm of unions[position]!) if (!state.firmLots.has(firm)) fresh += 1;
    return fresh;
  };

  const visit = (position: number): void => {
    nodes += 1;
    if ((nodes & 1023) === 0 && outOfTime()) stopped = true;
    if (stopped) return;
    if (position === lotCount) {
      const score = state.score();
      if (acceptable(goal, score) && better(goal, score, bestScore)) {
        bestScore = score;
        best = state.snapshot();
      }
      return;
    }
    const coveredBound = state.covered + possible[position]!;
    if (goal.policy === 'cheapest') {
      if (bestScore) {
        if (coveredBound < bestScore.covered) return;
        if (coveredBound === bestScore.covered && state.cents + minCents[position]! >= bestScore.cents) return;
      }
    } else {
      if (coveredBound < goal.target!) return;
      if (state.cents > goal.budgetCents!) return;
      if (coveredBound === goal.target! && state.cents + minCents[position]! > goal.budgetCents!) return;
      if (bestScore) {
        const distinctBound = state.distinct + Math.min(newFirmsBound(position), maxMembers[position]!);
        if (distinctBound < bestScore.distinct) return;
      }
    }
    for (const column of columns[position]!) {
      if (!state.fits(column)) continue;
      state.place(column);
      visit(position + 1);
      state.remove(column.lot);
      if (stopped) return;
    }
    visit(position + 1);
  };
  visit(0);
  return { best, score: bestScore, complete: !stopped, nodes };
}
