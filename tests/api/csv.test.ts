import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmeImportResult } from '@lepa/shared';
import { startTestApp, type TestApp } from '../support/app.ts';
import { call, expectError } from '../support/http.ts';
import { register, type Account } from '../support/fixtures.ts';
import { assertShape } from '../support/shape.ts';
import { FIRMS_CSV_HEADER, firmRow, firmsCsv } from '../fixtures/firms-csv.ts';

const csv = (as: Account | undefined, body: string) =>
  ({ as, payload: body, headers: { 'content-type': 'text/csv' } }) as const;

describe('CSV import of firms', () => {
  let t: TestApp;
  let network: Account;
  beforeAll(async () => {
    t = await startTestApp();
    network = await register(t.app, 'sme', 'Black Country business network');
  });
  afterAll(() => t.close());

  async function myFirmCount(account: Account): Promise<number> {
    let count = 0;
    let cursor: string | null = null;
    do {
      const page: { body: { items: unknown[]; nextCursor: string | null } } = await call(
        t.app,
        'GET',
        `/api/smes?mine=true&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        { as: account },
      );
      count += page.body.items.length;
      cursor = page.body.nextCursor;
    } while (cursor);
    return count;
  }

  it('lands a good file whole, with every documented column', async () => {
    const account = await register(t.app, 'sme');
    const reply = await call(t.app, 'POST', '/api/smes/import', csv(account, firmsCsv(3)));
    expect(reply.status, reply.text).toBe(201);
    assertShape(SmeImportResult, reply.body);
    expect(reply.body.imported).toBe(3);
    expect(reply.body.items.map((i: { line: number }) => i.line)).toEqual([2, 3, 4]);
    const firm = (await call(t.app, 'GET', `/api/smes/${reply.body.items[0].id}`, { as: account })).body;
    expect(firm).toMatchObject({
      name: 'Register Firm 0, Ltd',
      postcode: 'B1 0AA',
      location: { lat: 52.35, lon: -2.1 },
      serviceRadiusKm: 20,
      employees: 1,
      ownership: 'independent',
      ownerId: account.id,
      socialValue: { realLivingWage: true, apprentices: 0, localEmployeesPct: 60, charterSignatory: true },
    });
    expect(firm.capabilities).toEqual([
      { skill: 'cavity-wall-insulation', capacityPerMonth: 5, unitPrice: 700 },
      { skill: 'loft-insulation', capacityPerMonth: 10, unitPrice: 500 },
    ]);
    expect(firm.certifications).toEqual([
      { scheme: 'pas-2030', reference: 'PAS-0', expires: '2030-01-31' },
      { scheme: 'trustmark', reference: null, expires: '2029-06-30' },
    ]);
  });

  it('lands nothing when one row is bad, and names the row and column', async () => {
    const account = await register(t.app, 'sme');
    const bad = firmRow(41).replace('loft-insulation:', 'loft-insulatoin:').replace(',independent,', ',sole-trader,');
    const reply = await call(t.app, 'POST', '/api/smes/import', csv(account, firmsCsv(60, { 41: bad })));
    expectError(reply, 400, 'invalid_input');
    expect(reply.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ line: 43, field: 'capabilities' })]),
    );
    expect(reply.body.error.details.every((d: { line: number }) => d.line === 43)).toBe(true);
    expect(reply.body.error.message).toContain('line 43');
    expect(await myFirmCount(account)).toBe(0);
  });

  it('names missing and unknown columns on line 1, and numbers and flags by line', async () => {
    const header = await call(
      t.app,
      'POST',
      '/api/smes/import',
      csv(network, `${FIRMS_CSV_HEADER.replace('lat,', 'latitude,')}\n${firmRow(1)}\n`),
    );
    expectError(header, 400, 'invalid_input');
    expect(header.body.error.details).toEqual(
      // lat and lon may be left out now (the postcode places the firm); an unknown column is still named.
      expect.arrayContaining([{ line: 1, field: 'latitude', message: expect.any(String) }]),
    );
    const cells = await call(
      t.app,
      'POST',
      '/api/smes/import',
      csv(network, firmsCsv(2, { 1: firmRow(1).replace(',no,', ',maybe,').replace(',52.354', ',north') })),
    );
    expect(cells.body.error.details.map((d: { line: number; field: string }) => `${d.line} ${d.field}`).sort()).toEqual(
      ['3 lat', '3 realLivingWage'],
    );
    const quote = await call(
      t.app,
      'POST',
      '/api/smes/import',
      csv(network, `${FIRMS_CSV_HEADER}\n${firmRow(0)}\n"unclosed,${firmRow(1)}\n`),
    );
    expectError(quote, 400, 'invalid_input');
    expect(quote.body.error.details[0].line).toBeGreaterThanOrEqual(3);
  });

  it('is for SME accounts only', async () => {
    const provider = await register(t.app, 'provider');
    expectError(await call(t.app, 'POST', '/api/smes/import', csv(provider, firmsCsv(1))), 403, 'forbidden');
    expectError(await call(t.app, 'POST', '/api/smes/import', csv(undefined, firmsCsv(1))), 401, 'unauthorized');
  });

  it('imports 10,000 firms in one go (time printed)', async () => {
    const account = await register(t.app, 'sme');
    const body = firmsCsv(10_000);
    const started = performance.now();
    const reply = await call(t.app, 'POST', '/api/smes/import', csv(account, body));
    const elapsed = Math.round(performance.now() - started);
    expect(reply.status, reply.text.slice(0, 500)).toBe(201);
    expect(reply.body.imported).toBe(10_000);
    console.log(
      `CSV import of 10,000 firms (${(body.length / 1024 / 1024).toFixed(1)} MiB, 20,000 capabilities, 20,000 certifications) on ${t.app.database.kind}: ` +
        `${elapsed} ms end to end, ${reply.body.elapsedMs} ms in the importer`,
    );
    expect(await myFirmCount(account)).toBe(10_000);
  }, 120_000);
});
