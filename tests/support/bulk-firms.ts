import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import type { Executor } from '@lepa/db';

/**
 * Inserts `count` loft-insulation firms around a point in three statements
 * (the API would take minutes for tens of thousands), owned by one account.
 * They are written behind the change bus's back: only use before anything
 * has loaded the market, or in a process that has not started yet.
 */
export async function insertFirmsNear(
  db: Executor,
  options: { ownerId: string; count: number; lat: number; lon: number; prefix: string },
) {
  const { ownerId, count, lat, lon, prefix } = options;
  await db.execute(sql`insert into smes (owner_id, name, lat, lon, service_radius_km, employees, ownership,
      real_living_wage, apprentices, local_employees_pct, charter_signatory)
    select ${ownerId}::uuid, ${prefix} || ' ' || n, ${lat}::float8 + (n % 97) * 0.0005, ${lon}::float8 + (n % 89) * 0.0005,
      40, 5 + n % 20, 'independent', n % 2 = 0, n % 3, 50, n % 5 = 0
    from generate_series(1, ${count}::int) as n`);
  await db.execute(sql`insert into sme_capabilities (sme_id, skill, capacity_per_month, unit_price) -- unit_price in pennies
    select id, 'loft-insulation', 5 + abs(hashtext(id::text)) % 30, (300 + abs(hashtext(id::text || 'p')) % 400) * 100
    from smes where name like ${`${prefix} %`}`);
  await db.execute(sql`insert into sme_certifications (sme_id, scheme, expires)
    select id, 'pas-2030', '2030-01-31' from smes where name like ${`${prefix} %`}`);
}

/** A connection for a test's own look at the job queue. */
export function queueClient(databaseUrl: string) {
  return postgres(databaseUrl, { max: 1, onnotice: () => {} });
}
