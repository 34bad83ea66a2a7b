import { customType } from 'drizzle-orm/pg-core';

/**
 * Money: whole pennies in a `bigint` column, GBP in TypeScript. Every read and
 * write through drizzle converts here, at the store boundary, so the rest of
 * the code keeps the API's pound values. Pound values hold at most two decimals
 * (checked by the shared input rules), so `Math.round(pounds * 100)` is exact;
 * `pennies / 100` is the double nearest the decimal, the same number JSON gives.
 * Raw SQL reading these columns divides by 100 itself (see the SME store).
 */
export const pennies = customType<{ data: number; driverData: number | string | bigint }>({
  dataType: () => 'bigint',
  toDriver: (pounds) => Math.round(pounds * 100),
  fromDriver: (stored) => Number(stored) / 100,
});
