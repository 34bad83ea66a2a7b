const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const gbpWhole = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const dates = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Money to the penny, as the scoring model compares it. */
export const money = (amount: number) => gbp.format(amount);
/** Money for chart labels, where pennies are noise. */
export const moneyRounded = (amount: number) => gbpWhole.format(amount);
export const km = (distance: number) => `${decimal.format(distance)} km`;
export const percent = (share: number) => `${decimal.format(share)}%`;
export const count = (value: number) => decimal.format(value);
/** YYYY-MM-DD as "1 Mar 2027"; dates are calendar days, so UTC avoids a shift by the viewer's zone. */
export const day = (isoDate: string) => dates.format(new Date(`${isoDate}T00:00:00Z`));

/** `localSharePct` → "Local share": figures the server adds later get a readable label without client changes. */
export function labelOf(key: string): string {
  const words = key
    .replace(/(Pct|Percent)$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
