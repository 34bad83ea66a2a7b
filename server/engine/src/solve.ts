/** The engine's entry point: eligibility → per-skill diagnosis → dominance → exact search → proposals. */
import { buildMatchModel, type MatchModel } from './eligibility.ts';
import { diagnoseSkills, jointMemberLimitUnmet } from './diagnose.ts';
import { dominatedFirms } from './dominance.ts';
import { minimumMembers } from './member-bound.ts';
import { describeConsortium, describeGap } from './explain.ts';
import { buildProposal } from './proposal.ts';
import { searchTopK } from './search.ts';
import type { EngineInput, EngineOptions, EngineResult, Proposal, Unmet } from './types.ts';

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
 */
export function solve(input: EngineInput, options: EngineOptions = {}): EngineResult {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const k = Math.min(MAX_K, Math.max(1, Math.floor(options.k ?? DEFAULT_K)));
  const deadline = started + (options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
  const outOfTime = () => now() >= deadline;

  const model = buildMatchModel(input);
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
  const search = searchTopK(model, excluded, k, outOfTime);
  stats.nodes = search.nodes;

  if (search.found.length === 0) {
    if (!search.complete) return finish('timedout', [], []);
    return finish('optimal', [], [smallestJointCover(model, outOfTime)]);
  }

  const proposals = search.found.map((found, index) => buildProposal(model, found.split, index + 1));
  search.found.forEach((found, index) => {
    proposals[index]!.explanation = [
      ...describeConsortium(model, found.split, proposals[index]!),
      describeGap(proposals, index, search.complete),
    ];
  });
  return finish(search.complete ? 'optimal' : 'timedout', proposals, []);
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
