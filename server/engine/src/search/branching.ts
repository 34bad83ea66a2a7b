/**
 * The depth-first descent: at each node, refine the Lagrangian prices and
 * cut or fix out firms by reduced cost, then decide the next skill's fill
 * for each child in bound order.
 */
import { undecidedLowerBound } from './bounds.ts';
import { applyChild, enumerateFills, undoChild } from './fills.ts';
import { recordLeaf } from './found.ts';
import { fixOutByReducedCost, lagrangianBound, optimisePrices } from './lagrangian.ts';
import { prunable, tick, type SearchState } from './state.ts';

/** Subgradient steps at each node, warm-started from the parent's prices. */
const NODE_PRICE_STEPS = 12;
/** Diving, children explored per node. */
const DIVE_WIDTH = 2;

export function descend(state: SearchState, depth: number, costSoFar: number): void {
  if (depth === state.skillCount) {
    recordLeaf(state);
    return;
  }
  const skill = state.tables.decisionOrder[depth]!;
  const prices = state.pricesAtDepth[depth]!;
  prices.set(depth === 0 ? state.rootPrices : state.pricesAtDepth[depth - 1]!);
  // The root prices were optimised once before the rounds; each node refines its parent's.
  const nodeBound = optimisePrices(state, prices, NODE_PRICE_STEPS, costSoFar);
  if (prunable(state, costSoFar + nodeBound)) return;
  const fixedOut = fixOutByReducedCost(state, costSoFar, state.passIsBest ? nodeBound : lagrangianBound(state, prices));
  descendFrom(state, depth, skill, prices, costSoFar);
  for (const firm of fixedOut) state.forbidden[firm]!--;
}

function descendFrom(state: SearchState, depth: number, skill: number, prices: Float64Array, costSoFar: number): void {
  const { coordination } = state;
  state.decided[skill] = 1;
  state.decidedCount++;
  const cheapOthers = undecidedLowerBound(state);
  const lagrangianOthers = lagrangianBound(state, prices);
  state.decided[skill] = 0;
  state.decidedCount--;
  if (cheapOthers === Infinity) return;
  const children = enumerateFills(state, skill, costSoFar, cheapOthers, lagrangianOthers);
  for (const child of children) {
    if (tick(state)) return;
    const skipped = applyChild(state, skill, child);
    const decidedCost = costSoFar + child.fillCost + coordination * child.newFirms.length;
    // The child's own Lagrangian bound is the first step of its price optimisation; until
    // then, its fill's reduced-cost bound (see enumerateFills) and the per-skill bounds order it.
    child.lowerBound = Math.max(child.lowerBound, decidedCost + undecidedLowerBound(state));
    undoChild(state, skill, child, skipped);
  }
  children.sort((a, b) => a.lowerBound - b.lowerBound);
  if (state.diving && children.length > DIVE_WIDTH) children.length = DIVE_WIDTH;
  for (const child of children) {
    if (child.lowerBound === Infinity || prunable(state, child.lowerBound) || tick(state)) return;
    const skipped = applyChild(state, skill, child);
    descend(state, depth + 1, costSoFar + child.fillCost + coordination * child.newFirms.length);
    undoChild(state, skill, child, skipped);
  }
}
