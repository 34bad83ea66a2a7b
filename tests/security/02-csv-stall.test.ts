import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRMS_CSV_HEADER, firmRow } from '../fixtures/firms-csv.ts';
import { expectHealthy, registerOver, startListening, underAttack } from './support.ts';
import { count, eq } from 'drizzle-orm';
import { smes } from '@lepa/db';

/**
 * Issue 13, item 2: 1,000,000 rows of `x,1` (4 MB) stalled health for 10.9 s (the row cap was
 * checked after parsing everything); one capabilities cell of `a;` × 500,000 (1 MB) answered a
 * 49.9 MB error body after 6.4 s. Now the file is streamed, the header and the row cap are checked
 * while parsing, a list cell is capped, and at most 100 problems are listed.
 */
describe('CSV import attacks', () => {
  let t: Awaited<ReturnType<typeof startListening>>;
  let sme: Awaited<ReturnType<typeof registerOver>>;

  const post = async (csv: string) => {
    const response = await fetch(`${t.url}/api/smes/import`, {
      method: 'POST',
      headers: { ...sme.auth, 'content-type': 'text/csv' },
      body: csv,
    });
    const text = await response.text();
    return { status: response.status, bytes: text.length, body: JSON.parse(text) as { error: { details: unknown[] } } };
  };
  const firmCount = async () =>
    Number((await t.app.database.db.select({ n: count() }).from(smes).where(eq(smes.ownerId, sme.id)))[0]!.n);

  beforeAll(async () => {
    t = await startListening();
    sme = await registerOver(t.url, 'sme');
  });
  afterAll(async () => t?.close());

  it('1,000,000 rows of "x,1" (4 MB): a 400 within 2 s, health within 200 ms', async () => {
    const csv = 'x,1\n'.repeat(1_000_000);
    expect(csv.length).toBe(4_000_000);
    const { result, ms, probe } = await underAttack(t.url, () => post(csv));
    expect(result.status).toBe(400);
    expect(result.body.error.details.length).toBeLessThanOrEqual(100);
    expect(ms).toBeLessThan(2000);
    expectHealthy(probe);
  });

  it('the real header then 1,000,000 junk rows: stops at the first bad row, not after the whole file', async () => {
    const csv = `${FIRMS_CSV_HEADER}\n${'x,1\n'.repeat(1_000_000)}`;
    const { result, ms, probe } = await underAttack(t.url, () => post(csv));
    expect(result.status).toBe(400);
    expect(ms).toBeLessThan(2000);
    expectHealthy(probe);
  });

  it('a capabilities cell of "a;" × 500,000 (1 MB): a 400 within 2 s with a small body', async () => {
    const row = firmRow(1).replace(/,loft-insulation:[^,]*,/, `,${'a;'.repeat(500_000)},`);
    const csv = `${FIRMS_CSV_HEADER}\n${row}\n`;
    expect(csv.length).toBeGreaterThan(1_000_000);
    const { result, ms, probe } = await underAttack(t.url, () => post(csv));
    expect(result.status).toBe(400);
    expect(result.bytes).toBeLessThan(50_000);
    expect(ms).toBeLessThan(2000);
    expectHealthy(probe);
  });

  it('every row wrong: the first 100 problems are listed and the rest counted', async () => {
    const bad = firmRow(0).replace(/,(yes|no),/, ',maybe,');
    const csv = `${FIRMS_CSV_HEADER}\n${Array(5_000).fill(bad).join('\n')}\n`;
    const { result } = await underAttack(t.url, () => post(csv));
    expect(result.status).toBe(400);
    expect(result.body.error.details).toHaveLength(100);
    expect(JSON.stringify(result.body)).toContain('and 4997 more');
    expect(await firmCount()).toBe(0);
  });
});
