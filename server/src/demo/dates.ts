/**
 * Calendar arithmetic on `YYYY-MM-DD` strings in UTC, so the generator never
 * looks at the clock or the machine's time zone.
 */

const DAY_MS = 86_400_000;

export function parseIsoDate(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(time) || formatIsoDate(time) !== date) throw new RangeError(`not a calendar date: "${date}"`);
  return time;
}

function formatIsoDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return formatIsoDate(parseIsoDate(date) + days * DAY_MS);
}

/** The first day of the month `months` after the month holding `date`. */
export function firstOfMonthAfter(date: string, months: number): string {
  const day = new Date(parseIsoDate(date));
  return formatIsoDate(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + months, 1));
}

/** A lot window of whole calendar months: first day of the first to last day of the last. */
export function monthWindow(
  today: string,
  startOffset: number,
  months: number,
): { startDate: string; endDate: string } {
  return {
    startDate: firstOfMonthAfter(today, startOffset),
    endDate: addDays(firstOfMonthAfter(today, startOffset + months), -1),
  };
}

export function daysBetween(from: string, to: string): number {
  return Math.round((parseIsoDate(to) - parseIsoDate(from)) / DAY_MS);
}
