/**
 * The same problem as a MILP for HiGHS: binary member x_s, integer units
 * y_{s,k} ≤ usable(s,k)·x_s, binary coordinator z_s (one firm takes every
 * coordinator unit), every member works (x_s ≤ Σ y + z), at most maxMembers
 * members. Top-k by re-solving with a no-good cut per member set found.
 * Built from the engine's eligibility model so both see the same candidates
 * (before the engine's dominance pruning).
 */
import loadHighs from 'highs';
import { toPennies } from '@lepa/shared';
import type { MatchModel } from '@lepa/engine/testing';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highsInstance: Highs | null = null;

export interface HighsTopK {
  /** cost in pennies of each set found, in order */
  pennies: number[];
  /** false when a solve hit its time limit */
  optimal: boolean;
}

export async function highsTopK(model: MatchModel, k: number, timeLimitSeconds: number): Promise<HighsTopK> {
  highsInstance ??= await loadHighs();
  const highs = highsInstance;
  const skillCount = model.skills.length;
  const objective: string[] = [];
  const constraints: string[] = [];
  const integers: string[] = [];
  const binaries: string[] = [];
  const bounds: string[] = [];
  const coordinatorSkill = model.skills.findIndex((skill) => skill.unsplit);

  model.firms.forEach((_, firm) => {
    binaries.push(`x${firm}`);
    objective.push(`${model.lot.coordinationCostPerMember} x${firm}`);
    const work: string[] = [];
    for (let skill = 0; skill < skillCount; skill++) {
      const at = firm * skillCount + skill;
      const cost = model.unitCost[at]!;
      if (Number.isNaN(cost)) continue;
      if (skill === coordinatorSkill) {
        binaries.push(`z${firm}`);
        objective.push(`${cost * model.skills[skill]!.quantity} z${firm}`);
        constraints.push(`lz${firm}: z${firm} - x${firm} <= 0`);
        work.push(`z${firm}`);
        continue;
      }
      const usable = Math.min(model.available[at]!, model.skills[skill]!.quantity);
      const name = `y${firm}_${skill}`;
      integers.push(name);
      bounds.push(`0 <= ${name} <= ${usable}`);
      objective.push(`${cost} ${name}`);
      constraints.push(`ly${firm}_${skill}: ${name} - ${usable} x${firm} <= 0`);
      work.push(name);
    }
    constraints.push(`w${firm}: x${firm} - ${work.join(' - ')} <= 0`);
  });
  model.skills.forEach((skill, index) => {
    const terms = model.offers[index]!.firms;
    if (index === coordinatorSkill) {
      constraints.push(`cov${index}: ${Array.from(terms, (firm) => `z${firm}`).join(' + ')} = 1`);
    } else {
      constraints.push(
        `cov${index}: ${Array.from(terms, (firm) => `y${firm}_${index}`).join(' + ')} = ${skill.quantity}`,
      );
    }
  });
  constraints.push(`limit: ${model.firms.map((_, firm) => `x${firm}`).join(' + ')} <= ${model.lot.maxMembers}`);

  const pennies: number[] = [];
  let optimal = true;
  const cuts: string[] = [];
  for (let round = 0; round < k; round++) {
    const problem = [
      'Minimize',
      ` obj: ${wrap(objective.join(' + '))}`,
      'Subject To',
      ...constraints.map((line) => ` ${wrap(line)}`),
      ...cuts.map((line) => ` ${wrap(line)}`),
      'Bounds',
      ...bounds.map((line) => ` ${line}`),
      'General',
      ` ${wrap(integers.join(' '))}`,
      'Binary',
      ` ${wrap(binaries.join(' '))}`,
      'End',
    ].join('\n');
    const solution = highs.solve(problem, {
      output_flag: false,
      time_limit: timeLimitSeconds,
      mip_rel_gap: 0,
      mip_abs_gap: 0.001,
    });
    if (solution.Status === 'Time limit reached') optimal = false;
    if (solution.Status !== 'Optimal' && solution.Status !== 'Time limit reached') break;
    if (!Number.isFinite(solution.ObjectiveValue)) break;
    pennies.push(toPennies(solution.ObjectiveValue));
    const members = model.firms
      .map((_, firm) => firm)
      .filter((firm) => (solution.Columns[`x${firm}`]?.Primal ?? 0) > 0.5);
    const inSet = new Set(members);
    cuts.push(
      `cut${round}: ${model.firms.map((_, firm) => (inSet.has(firm) ? `+ x${firm}` : `- x${firm}`)).join(' ')} <= ${members.length - 1}`,
    );
  }
  return { pennies, optimal };
}

/** The LP reader is happier with lines of moderate length. */
function wrap(line: string): string {
  const words = line.split(' ');
  const lines: string[] = [];
  for (let start = 0; start < words.length; start += 40) lines.push(words.slice(start, start + 40).join(' '));
  return lines.join('\n  ');
}
