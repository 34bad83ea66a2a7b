import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { bookings, consortia, type Executor } from '@lepa/db';
import type { Skill } from '@lepa/shared';
import type { BookedUnits } from '@lepa/engine';
import { BOOKING_STATES } from './engine-input.ts';

/** Units of one skill a firm has booked by bids for one window `[startDate, endDate)`, summed over the bids. */
export interface BookedWindow {
  skill: Skill;
  units: number;
  startDate: string;
  endDate: string;
}

interface Window {
  startDate: string;
  endDate: string;
}

/** Bookings of submitted and awarded bids, by firm (of the named firms only, when given). */
export async function loadBookedWindows(
  db: Executor,
  firmIds?: readonly string[],
): Promise<Map<string, BookedWindow[]>> {
  const byFirm = new Map<string, BookedWindow[]>();
  if (firmIds?.length === 0) return byFirm;
  const ofFirms: SQL | undefined = firmIds ? inArray(bookings.smeId, [...firmIds]) : undefined;
  const rows = await db
    .select({
      smeId: bookings.smeId,
      skill: bookings.skill,
      startDate: bookings.startDate,
      endDate: bookings.endDate,
      units: bookings.units,
    })
    .from(bookings)
    .innerJoin(consortia, eq(consortia.id, bookings.consortiumId))
    .where(and(inArray(consortia.status, [...BOOKING_STATES]), ofFirms));
  for (const row of rows) {
    const windows = byFirm.get(row.smeId) ?? [];
    const same = windows.find(
      (w) => w.skill === row.skill && w.startDate === row.startDate && w.endDate === row.endDate,
    );
    if (same) same.units += row.units;
    else windows.push({ skill: row.skill as Skill, units: row.units, startDate: row.startDate, endDate: row.endDate });
    byFirm.set(row.smeId, windows);
  }
  return byFirm;
}

/** A firm's units booked per skill in windows overlapping the lot's (each starts before the other ends). */
export function bookedInWindow(firmId: string, windows: readonly BookedWindow[], lot: Window): BookedUnits[] {
  const bySkill = new Map<Skill, number>();
  for (const window of windows) {
    if (!(window.startDate < lot.endDate && window.endDate > lot.startDate)) continue;
    bySkill.set(window.skill, (bySkill.get(window.skill) ?? 0) + window.units);
  }
  return [...bySkill].map(([skill, units]) => ({ smeId: firmId, skill, units }));
}
