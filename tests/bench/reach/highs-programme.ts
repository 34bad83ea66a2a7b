/**
 * The programme allocation as a MILP for HiGHS, over every valid proposal of
 * every lot (so only for programmes whose lots can all be listed in full):
 * binary z_c per proposal, Σ z ≤ 1 per lot, one row per capacity constraint
 * (lot L, firm, skill) summing the units of the proposals on L and on the lots
 * overlapping it. cheapest: maximise lots covered, then minimise cost (one
 * objective, a cover bonus above any programme's cost); reach: covered lots
 * fixed, cost ≤ budget, maximise firms with work (binary w_s ≤ Σ z_c ∋ s).
 */
import loadHighs from 'highs';
import { toPennies } from '@lepa/shared';
import type { ProgrammeModel } from '../../../server/engine/src/programme/columns.ts';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let instance: Highs | null = null;

export interface HighsProgrammeAnswer {
  covered: number;
  pennies: number;
  distinct: number;
  optimal: boolean;
}

function rows(programme: ProgrammeModel): Map<number, string[]> {
  const byRow = new Map<number, string[]>();
  for (const entry of programme.lots) {
    entry.columns.forEach((column, index) => {
      column.rows.forEach((row, at) => {
        const terms = byRow.get(row) ?? [];
        terms.push(`${column.rowUnits[at]} z${entry.index}_${index}`);
        byRow.set(row, terms);
      });
    });
  }
  return byRow;
}

export async function highsCheapest(programme: ProgrammeModel): Promise<HighsProgrammeAnswer> {
  instance ??= await loadHighs();
  const total = programme.lots.reduce(
    (sum, entry) => sum + Math.max(0, ...entry.columns.map((column) => column.cents)),
    0,
  );
  const bonus = total + 1;
  const objective: string[] = [];
  const constraints: string[] = [];
  const binaries: string[] = [];
  for (const entry of programme.lots) {
    const names = entry.columns.map((_, index) => `z${entry.index}_${index}`);
    entry.columns.forEach((column, index) => objective.push(`${column.cents - bonus} ${names[index]}`));
    binaries.push(...names);
    if (names.length > 0) constraints.push(`one${entry.index}: ${names.join(' + ')} <= 1`);
  }
  for (const [row, terms] of rows(programme))
    constraints.push(`cap${row}: ${terms.join(' + ')} <= ${programme.rowLimit[row]}`);
  return solveLp(programme, objective, constraints, binaries, []);
}

export async function highsReach(
  programme: ProgrammeModel,
  covered: number,
  budgetPennies: number,
): Promise<HighsProgrammeAnswer> {
  instance ??= await loadHighs();
  const objective: string[] = [];
  const constraints: string[] = [];
  const binaries: string[] = [];
  const all: string[] = [];
  const cost: string[] = [];
  const byFirm = new Map<string, string[]>();
  for (const entry of programme.lots) {
    const names = entry.columns.map((_, index) => `z${entry.index}_${index}`);
    binaries.push(...names);
    all.push(...names);
    entry.columns.forEach((column, index) => {
      cost.push(`${column.cents} ${names[index]}`);
      for (const member of column.members) byFirm.set(member, [...(byFirm.get(member) ?? []), names[index]!]);
    });
    if (names.length > 0) constraints.push(`one${entry.index}: ${names.join(' + ')} <= 1`);
  }
  for (const [row, terms] of rows(programme))
    constraints.push(`cap${row}: ${terms.join(' + ')} <= ${programme.rowLimit[row]}`);
  constraints.push(`covered: ${all.join(' + ')} = ${covered}`);
  constraints.push(`budget: ${cost.join(' + ')} <= ${budgetPennies}`);
  const firmNames = [...byFirm.keys()].map((_, index) => `w${index}`);
  [...byFirm.values()].forEach((columns, index) => {
    constraints.push(`work${index}: w${index} - ${columns.join(' - ')} <= 0`);
    objective.push(`-1 w${index}`);
  });
  binaries.push(...firmNames);
  return solveLp(programme, objective, constraints, binaries, []);
}

function solveLp(
  programme: ProgrammeModel,
  objective: string[],
  constraints: string[],
  binaries: string[],
  bounds: string[],
): HighsProgrammeAnswer {
  const problem = [
    'Minimize',
    ` obj: ${wrap(objective.join(' + ').replaceAll('+ -', '- '))}`,
    'Subject To',
    ...constraints.map((line) => ` ${wrap(line)}`),
    'Bounds',
    ...bounds,
    'Binary',
    ` ${wrap(binaries.join(' '))}`,
    'End',
  ].join('\n');
  const solution = instance!.solve(problem, { output_flag: false, time_limit: 60, mip_rel_gap: 0, mip_abs_gap: 0.5 });
  const chosen = programme.lots.flatMap((entry) =>
    entry.columns.filter((_, index) => primal(solution.Columns[`z${entry.index}_${index}`]) > 0.5),
  );
  return {
    covered: chosen.length,
    pennies: chosen.reduce((sum, column) => sum + column.cents, 0),
    distinct: new Set(chosen.flatMap((column) => column.members)).size,
    optimal: solution.Status === 'Optimal',
  };
}

/** An infeasible answer's columns carry no primal value. */
function primal(column: unknown): number {
  return (column as { Primal?: number } | undefined)?.Primal ?? 0;
}

function wrap(line: string): string {
  const words = line.split(' ');
  const lines: string[] = [];
  for (let start = 0; start < words.length; start += 40) lines.push(words.slice(start, start + 40).join(' '));
  return lines.join('\n  ');
}

export { toPennies };
