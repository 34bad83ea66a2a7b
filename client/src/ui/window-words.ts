const month = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });
const monthYear = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * A lot's window [start, end) as people say it: "Mar 2027", "Jan–Feb 2027",
 * "Dec 2026–Jan 2027". The end date is exclusive, so the last day is the day before.
 */
export function windowWords(startDate: string, endDate: string): string {
  const start = new Date(`${startDate}T00:00:00Z`);
  const last = new Date(new Date(`${endDate}T00:00:00Z`).getTime() - 24 * 3600 * 1000);
  const end = last < start ? start : last;
  const sameYear = start.getUTCFullYear() === end.getUTCFullYear();
  if (sameYear && start.getUTCMonth() === end.getUTCMonth()) return monthYear.format(start);
  return sameYear
    ? `${month.format(start)}–${monthYear.format(end)}`
    : `${monthYear.format(start)}–${monthYear.format(end)}`;
}
