import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { lotInput, register, smeInput, type Account } from '../support/fixtures.ts';

/**
 * Coordinates a hair from zero (1e-308°, 5e-324°: valid input) make PostgreSQL's float8 arithmetic
 * underflow, which it raises as an error. Every query that measures a distance must still answer.
 */
describe('distances between places a hair apart', () => {
  let t: TestApp;
  let provider: Account;
  let owner: Account;

  beforeAll(async () => {
    t = await startTestApp();
    provider = await register(t.app, 'provider');
    owner = await register(t.app, 'sme');
  });
  afterAll(() => t.close());

  it('lists, bumps and announces a lot 1e-308° from a firm without a 500', async () => {
    const place = (lat: number, lon: number) => ({ postcode: undefined, location: { lat, lon } });
    const firm = await call(t.app, 'POST', '/api/smes', { as: owner, payload: smeInput(place(0, 0)) });
    expect(firm.status, firm.text).toBe(201);
    const lot = await call(t.app, 'POST', '/api/lots', { as: provider, payload: lotInput(place(5e-324, 1e-308)) });
    expect(lot.status, lot.text).toBe(201);

    const nearMe = await call(t.app, 'GET', `/api/smes/${firm.body.id}/opportunities`, { as: owner });
    expect(nearMe.status, nearMe.text).toBe(200);
    expect(nearMe.body.items.map((item: { lot: { id: string } }) => item.lot.id)).toContain(lot.body.id);

    const firmSaved = await call(t.app, 'PUT', `/api/smes/${firm.body.id}`, {
      as: owner,
      payload: smeInput({ ...place(1e-308, 5e-324), name: 'Null Island Lofts' }),
    });
    expect(firmSaved.status, firmSaved.text).toBe(200);
    const lotSaved = await call(t.app, 'PUT', `/api/lots/${lot.body.id}`, {
      as: provider,
      payload: lotInput({ ...place(0, 1e-308), homes: 21 }),
    });
    expect(lotSaved.status, lotSaved.text).toBe(200);
    const proposals = await call(t.app, 'GET', `/api/lots/${lot.body.id}/proposals`, { as: provider });
    expect(proposals.status, proposals.text).toBe(200);
    expect(JSON.stringify(proposals.body.proposals)).toContain('Null Island Lofts');
  });
});
