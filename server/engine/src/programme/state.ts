/** One allocation being built: a column (or none) per lot, capacity loads and the figures the policies rank on. */
import type { Skill } from '@lepa/shared';
import { rowsOfWork, type Column, type ProgrammeModel } from './columns.ts';

export interface Score {
  covered: number;
  cents: number;
  distinct: number;
  contractPennies: number;
  localPennies: number;
}

export class AllocationState {
  readonly chosen: (Column | null)[];
  /** units per capacity row; rows added after construction start at 0 */
  readonly load: number[] = [];
  readonly firmLots = new Map<string, number>();
  covered = 0;
  cents = 0;
  contractPennies = 0;
  localPennies = 0;

  constructor(readonly programme: ProgrammeModel) {
    this.chosen = programme.lots.map(() => null);
  }

  get distinct(): number {
    return this.firmLots.size;
  }

  score(): Score {
    return {
      covered: this.covered,
      cents: this.cents,
      distinct: this.distinct,
      contractPennies: this.contractPennies,
      localPennies: this.localPennies,
    };
  }

  /** Whether `column` fits once the lot's current column (if any) is taken out. */
  fits(column: Column): boolean {
    return this.withoutCurrentLoad(column.lot, () => this.fitsLoad(column));
  }

  /** Whether `column`'s units fit on the loads as they are (the caller has its lot's current column's taken off). */
  fitsLoad(column: Column): boolean {
    const limits = this.programme.rowLimit;
    for (let index = 0; index < column.rows.length; index++) {
      const row = column.rows[index]!;
      if ((this.load[row] ?? 0) + column.rowUnits[index]! > limits[row]!) return false;
    }
    return true;
  }

  /**
   * `check` run with the units of the lot's current column taken off the
   * loads, put back after: once for all of a lot's columns, where taking
   * them off inside each fit check was quadratic in the two columns' rows.
   */
  withoutCurrentLoad<T>(lot: number, check: () => T): T {
    const current = this.chosen[lot];
    if (!current) return check();
    const { rows, rowUnits } = current;
    for (let index = 0; index < rows.length; index++) this.load[rows[index]!]! -= rowUnits[index]!;
    try {
      return check();
    } finally {
      for (let index = 0; index < rows.length; index++) this.load[rows[index]!]! += rowUnits[index]!;
    }
  }

  /**
   * Units of `skill` firm `smeId` can still take on `lot` without breaking any
   * capacity row its work there counts on (its own and every overlapping lot's).
   */
  room(lot: number, smeId: string, skill: Skill): number {
    let least = Number.POSITIVE_INFINITY;
    const limits = this.programme.rowLimit;
    for (const row of rowsOfWork(this.programme, lot, smeId, skill)) {
      least = Math.min(least, limits[row]! - (this.load[row] ?? 0));
    }
    return least;
  }

  place(column: Column): void {
    this.remove(column.lot);
    this.chosen[column.lot] = column;
    for (let index = 0; index < column.rows.length; index++) {
      const row = column.rows[index]!;
      this.load[row] = (this.load[row] ?? 0) + column.rowUnits[index]!;
    }
    for (const member of column.members) this.firmLots.set(member, (this.firmLots.get(member) ?? 0) + 1);
    this.covered += 1;
    this.cents += column.cents;
    this.contractPennies += column.contractPennies;
    this.localPennies += column.localPennies;
  }

  remove(lot: number): void {
    const column = this.chosen[lot];
    if (!column) return;
    this.chosen[lot] = null;
    for (let index = 0; index < column.rows.length; index++) {
      const row = column.rows[index]!;
      this.load[row] = (this.load[row] ?? 0) - column.rowUnits[index]!;
    }
    for (const member of column.members) {
      const count = this.firmLots.get(member)! - 1;
      if (count === 0) this.firmLots.delete(member);
      else this.firmLots.set(member, count);
    }
    this.covered -= 1;
    this.cents -= column.cents;
    this.contractPennies -= column.contractPennies;
    this.localPennies -= column.localPennies;
  }

  /** Distinct firms gained by putting `column` on its lot in place of the current one. */
  distinctGain(column: Column): number {
    const current = this.chosen[column.lot];
    let gain = 0;
    for (const member of column.members) {
      if (current?.members.includes(member)) continue;
      if (!this.firmLots.has(member)) gain += 1;
    }
    if (current) {
      for (const member of current.members)
        if (this.firmLots.get(member) === 1 && !column.members.includes(member)) gain -= 1;
    }
    return gain;
  }

  snapshot(): (Column | null)[] {
    return [...this.chosen];
  }
}

export function localShare(score: Pick<Score, 'contractPennies' | 'localPennies'>): number {
  return score.contractPennies > 0 ? score.localPennies / score.contractPennies : 0;
}

/** cheapest: more lots covered, then less cost. Negative when `a` is better. */
export function compareCheapest(a: Score, b: Score): number {
  return b.covered - a.covered || a.cents - b.cents;
}

/** reach (among allocations covering the target lots within budget): more firms, more local spend, less cost. */
export function compareReach(a: Score, b: Score): number {
  if (a.distinct !== b.distinct) return b.distinct - a.distinct;
  const shareA = localShare(a);
  const shareB = localShare(b);
  if (Math.abs(shareA - shareB) > 1e-12) return shareB - shareA;
  return a.cents - b.cents;
}
