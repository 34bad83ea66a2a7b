/**
 * Market depth for a lot before it is published: can it be covered, by how
 * many distinct valid member sets (up to a cap), how cheaply, and which
 * skills are thin. Relaxed variants of the lot are described by
 * `relaxationsOf`; the caller builds each variant's input (a wider radius or
 * a longer window reaches other firms and bookings) and measures it again.
 */
import { addDays } from './dates.ts';
import { buildMatchModel } from '../eligibility.ts';
import { solve } from '../solve.ts';
import type { EngineInput, EngineLot } from '../types.ts';
import { enumerateValidSets } from '../programme/valid-sets.ts';
import type { Skill } from '@lepa/shared';

export const CONSORTIA_COUNT_CAP = 1000;
/** a skill with at most this many eligible firms is thin */
export const THIN_FIRMS = 2;
const COUNT_NODES = 200_000;

export interface MarketDepth {
  coverable: boolean;
  /** distinct valid member sets, at most CONSORTIA_COUNT_CAP */
  consortiaCount: number;
  /** true when there are more than the cap, or the count stopped at its search budget (then it is a lower bound) */
  countCapped: boolean;
  cheapestCost: number | null;
  skills: { skill: Skill; eligibleFirms: number; thin: boolean }[];
}

export function marketDepth(
  input: EngineInput,
  options: { timeBudgetMs?: number; now?: () => number } = {},
): MarketDepth {
  const now = options.now ?? (() => performance.now());
  const deadline = now() + (options.timeBudgetMs ?? 1000);
  const model = buildMatchModel(input);
  const result = solve(input, { k: 1, timeBudgetMs: Math.max(50, (deadline - now()) / 2), now });
  const listed = enumerateValidSets(model, {
    maxSets: CONSORTIA_COUNT_CAP + 1,
    maxNodes: COUNT_NODES,
    outOfTime: () => now() >= deadline,
  });
  const count = Math.min(listed.splits.length, CONSORTIA_COUNT_CAP);
  return {
    coverable: result.feasible || listed.splits.length > 0,
    consortiaCount: count,
    countCapped: !listed.complete,
    cheapestCost: result.proposals[0]?.cost ?? null,
    skills: model.skills.map((skill, index) => {
      const eligibleFirms = model.offers[index]!.firms.length;
      return { skill: skill.skill, eligibleFirms, thin: eligibleFirms <= THIN_FIRMS };
    }),
  };
}

export interface Relaxation {
  /** plain words, e.g. "allow 7 members" */
  change: string;
  lot: EngineLot;
}

/** Radius +10 km (when the lot sets one), member limit +1, window +30 days, and dropping each extra certificate. */
export function relaxationsOf(lot: EngineLot): Relaxation[] {
  const relaxed: Relaxation[] = [];
  if (lot.maxDistanceKm !== null) {
    const radius = lot.maxDistanceKm + 10;
    relaxed.push({ change: `widen the radius to ${radius} km`, lot: { ...lot, maxDistanceKm: radius } });
  }
  if (lot.maxMembers < 20) {
    relaxed.push({ change: `allow ${lot.maxMembers + 1} members`, lot: { ...lot, maxMembers: lot.maxMembers + 1 } });
  }
  relaxed.push({ change: 'allow 30 more days', lot: { ...lot, endDate: addDays(lot.endDate, 30) } });
  lot.requirements.forEach((requirement, index) => {
    for (const scheme of requirement.certifications) {
      relaxed.push({
        change: `drop ${scheme} for ${requirement.skill}`,
        lot: {
          ...lot,
          requirements: lot.requirements.map((entry, at) =>
            at === index
              ? { ...entry, certifications: entry.certifications.filter((other) => other !== scheme) }
              : entry,
          ),
        },
      });
    }
  });
  return relaxed;
}
