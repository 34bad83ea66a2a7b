/** The engine's entry point: eligibility → per-skill diagnosis → dominance → exact search → proposals. */
import { toPennies } from '@lepa/shared';
import { buildMatchModel, positionsOf, type MatchModel } from './eligibility.ts';
import { diagnoseSkills, jointMemberLimitUnmet } from './diagnose.ts';
import { dominatedFirms } from './dominance.ts';
import { minimumMembers } from './member-bound.ts';
import { describeConsortium, describeGap } from './explain.ts';
import { buildProposal } from './proposal.ts';
import { searchTopK, type FoundSet } from './search.ts';
import { canonicalSplit } from './split.ts';
import type { EngineInput, EngineResult, Proposal, SolveOptions, Unmet } from './types.ts';

export const DEFAULT_K = 5;
export const MAX_K = 20;
export const DEFAULT_TIME_BUDGET_MS = 2000;

/**
 * The k cheapest distinct member sets for the lot, each with its canonical
 * cheapest split (split.ts), ranked by cost to the penny, then fewer members,
 * then sorted member ids. Pure: reads no clock but `options.now`, never
 * mutates `input`, and answers an infeasible lot with `feasible: false` and
 * the reasons instead of throwing.
 *
 * Defaults: k = 5 (clamped to 1..20), timeBudgetMs = 2000, now =
 * performance.now. Status "optimal" means the proposals are proven to be
 * the k best (or the lot proven infeasible); "timedout" returns the best
 * found when the budget ran out.
 *
 * `incumbents` (e.g. the previous proposals' member ids) warm-start the
 * search: each is validated through the canonical split (a set that no
 * longer covers the lot is dropped, idle members are dropped), so they can
 * only tighten the k-th best; the answer is the same as without them.
 */
export function solve(input: EngineInput, options: SolveOptions = {}): EngineResult {
  const now = options.now ?? (() => performance.now());
  const started = now();
  return solveModel(input, buildMatchModel(input), { ...options, now }, started);
}

/**
 * `solve` on a model already built from `input` (buildMatchModel is pure, so
 * the answer is the same): callers that hold the model, such as programme
 * allocation, skip building it again. The budget runs from `startedAt`
 * (default: now).
 */
export function solveModel(
  input: EngineInput,
  model: MatchModel,
  options: SolveOptions = {},
  startedAt?: number,
): EngineResult {
  const now = options.now ?? (() => performance.now());
  const started = startedAt ?? now();
  const k = clampK(options.k);
  const deadline = started + (options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
  const outOfTime = () => now() >= deadline;

  const stats = { firms: input.firms.length, candidates: model.firms.length, searched: 0, nodes: 0, elapsedMs: 0 };
  const finish = (status: EngineResult['status'], proposals: Proposal[], unmet: Unmet[]): EngineResult => ({
    status,
    feasible: proposals.length > 0,
    proposals,
    unmet,
    stats: { ...stats, elapsedMs: now() - started },
  });

  const skillUnmet = diagnoseSkills(input, model);
  if (model.skills.length === 0 || skillUnmet.length > 0) return finish('optimal', [], skillUnmet);

  const fewestMembers = minimumMembers(model);
  if (fewestMembers > model.lot.maxMembers) {
    return finish('optimal', [], [jointMemberLimitUnmet(model.lot.maxMembers, fewestMembers, false)]);
  }

  const excluded = dominatedFirms(model, k, model.lot.maxMembers);
  stats.searched = excluded.reduce((count, isExcluded) => count + (isExcluded ? 0 : 1), 0);
  const incumbents = validSets(model, options.incumbents ?? []);
  const search = searchTopK(model, excluded, k, outOfTime, { incumbents });
  stats.nodes = search.nodes;

  if (search.found.length === 0) {
    if (!search.complete) return finish('timedout', [], []);
    return finish('optimal', [], [smallestJointCover(model, outOfTime)]);
  }

  return finish(search.complete ? 'optimal' : 'timedout', proposalsOf(model, search.found, search.complete), []);
}

export function clampK(k: number | undefined): number {
  return Math.min(MAX_K, Math.max(1, Math.floor(k ?? DEFAULT_K)));
}

/** Proposals, ranked as given, with their explanations. */
export function proposalsOf(model: MatchModel, found: readonly FoundSet[], proven: boolean): Proposal[] {
  const proposals = found.map((set, index) => buildProposal(model, set.split, index + 1));
  found.forEach((set, index) => {
    proposals[index]!.explanation = [
      ...describeConsortium(model, set.split, proposals[index]!),
      describeGap(proposals, index, proven),
    ];
  });
  return proposals;
}

/**
 * Member id sets as valid sets of this model: unknown ids (firms no longer
 * candidates) make a set unusable, idle members are dropped (the set stands
 * for the smaller one), sets over the member limit are dropped.
 */
export function validSets(model: MatchModel, memberSets: readonly (readonly string[])[]): FoundSet[] {
  if (memberSets.length === 0) return [];
  const indexOf = positionsOf(model, memberSets.flat());
  const sets: FoundSet[] = [];
  for (const ids of memberSets) {
    const members = ids.map((id) => indexOf.get(id));
    if (members.length === 0 || members.some((member) => member === undefined)) continue;
    let outcome = canonicalSplit(model, members as number[]);
    if (outcome.covered && outcome.idle.length > 0) {
      const idle = outcome.idle;
      outcome = canonicalSplit(
        model,
        outcome.split.members.filter((member) => !idle.includes(member)),
      );
    }
    if (!outcome.covered || outcome.idle.length > 0 || outcome.split.members.length > model.lot.maxMembers) continue;
    sets.push({ split: outcome.split, cents: toPennies(outcome.split.rawCost) });
  }
  return sets;
}

/**
 * Every skill is coverable alone but no set within the member limit covers
 * them all: find the fewest firms that could. Re-running the same exact
 * search with a coordination cost above any possible work cost makes the
 * cheapest set the smallest; the union of per-skill minimal covers bounds
 * its size. Out of time, we only know it is more than the limit (or the
 * member-bound.ts lower bound, when higher).
 */
function smallestJointCover(model: MatchModel, outOfTime: () => boolean): Unmet {
  const { lot } = model;
  const workCeiling = model.skills.reduce(
    (sum, skill, index) => sum + skill.quantity * Math.max(0, ...model.offers[index]!.unitCosts),
    0,
  );
  const memberCeiling = Math.min(model.firms.length, model.skills.length * lot.maxMembers);
  const relaxed: MatchModel = {
    ...model,
    lot: { ...lot, maxMembers: memberCeiling, coordinationCostPerMember: 2 * workCeiling + 1 },
  };
  const search = searchTopK(relaxed, dominatedFirms(relaxed, 1, memberCeiling), 1, outOfTime);
  const smallest = search.found[0];
  return search.complete && smallest
    ? jointMemberLimitUnmet(lot.maxMembers, smallest.split.members.length, true)
    : jointMemberLimitUnmet(lot.maxMembers, Math.max(lot.maxMembers + 1, minimumMembers(model)), false);
}
