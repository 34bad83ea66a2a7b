/**
 * Programme allocation by exhaustive enumeration, written from the issue's
 * rules and the independent per-lot brute force (brute-force.ts): every
 * choice of one valid member set (or none) per lot, the capacity rule
 * checked literally. Exponential: ≤ 4 lots and a handful of firms only.
 */
import { haversineKm, windowDays, type Skill } from '@lepa/shared';
import type { ProgrammeInput } from '../programme/types.ts';
import { bruteForceTopK, type BruteSet } from './brute-force.ts';

export interface BruteAllocation {
  /** per lot, the chosen set or null */
  chosen: (BruteSet | null)[];
  covered: number;
  cents: number;
  distinct: number;
}

export function validSetsPerLot(input: ProgrammeInput): BruteSet[][] {
  return input.lots.map((entry) =>
    bruteForceTopK({ lot: entry.lot, firms: input.firms, booked: entry.booked }, Number.MAX_SAFE_INTEGER),
  );
}

export function overlap(a: { startDate: string; endDate: string }, b: { startDate: string; endDate: string }) {
  return a.startDate < b.endDate && b.startDate < a.endDate;
}

/** units of skill k given to firm s on lot `lot` by a set */
export function unitsOf(input: ProgrammeInput, lot: number, set: BruteSet, smeId: string, skill: Skill): number {
  let units = 0;
  input.lots[lot]!.lot.requirements.forEach((requirement, index) => {
    if (requirement.skill !== skill) return;
    for (const [id, amount] of set.fills[index]!) if (id === smeId) units += amount;
  });
  return units;
}

/** For every lot L, firm and skill: units on L and on overlapping lots ≤ available(s,k) for L. */
export function capacityViolations(input: ProgrammeInput, chosen: readonly (BruteSet | null)[]): string[] {
  const problems: string[] = [];
  input.lots.forEach((entry, lot) => {
    const days = windowDays(entry.lot.startDate, entry.lot.endDate);
    for (const firm of input.firms) {
      for (const capability of firm.capabilities) {
        let used = 0;
        input.lots.forEach((other, otherIndex) => {
          const set = chosen[otherIndex];
          if (!set || !overlap(entry.lot, other.lot)) return;
          used += unitsOf(input, otherIndex, set, firm.id, capability.skill);
        });
        if (used === 0) continue;
        const booked = entry.booked
          .filter((booking) => booking.smeId === firm.id && booking.skill === capability.skill)
          .reduce((sum, booking) => sum + booking.units, 0);
        const available = Math.floor((capability.capacityPerMonth * days) / 30) - booked;
        if (used > available) problems.push(`${firm.id} ${capability.skill} on lot ${lot}: ${used} > ${available}`);
      }
    }
  });
  return problems;
}

export function bruteForceAllocations(input: ProgrammeInput): BruteAllocation[] {
  const sets = validSetsPerLot(input);
  const all: BruteAllocation[] = [];
  const chosen: (BruteSet | null)[] = [];
  const visit = (lot: number) => {
    if (lot === input.lots.length) {
      if (capacityViolations(input, chosen).length > 0) return;
      const firms = new Set(chosen.flatMap((set) => set?.members ?? []));
      all.push({
        chosen: [...chosen],
        covered: chosen.filter((set) => set !== null).length,
        cents: chosen.reduce((sum, set) => sum + (set?.cents ?? 0), 0),
        distinct: firms.size,
      });
      return;
    }
    for (const option of [null, ...sets[lot]!]) {
      chosen.push(option);
      visit(lot + 1);
      chosen.pop();
    }
  };
  visit(0);
  return all;
}

export function isLocal(input: ProgrammeInput, lot: number, smeId: string): boolean {
  const firm = input.firms.find((entry) => entry.id === smeId)!;
  return haversineKm(input.lots[lot]!.lot.location, firm.location) <= 25;
}
