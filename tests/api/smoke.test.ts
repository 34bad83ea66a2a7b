import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { lotInput, register, smeInput } from '../support/fixtures.ts';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('registers, creates a firm and a lot', async () => {
    const sme = await register(t.app, 'sme');
    const provider = await register(t.app, 'provider');
    const created = await t.app.inject({ method: 'POST', url: '/api/smes', headers: sme.auth, payload: smeInput() });
    expect(created.statusCode, created.body).toBe(201);
    const lot = await t.app.inject({ method: 'POST', url: '/api/lots', headers: provider.auth, payload: lotInput() });
    expect(lot.statusCode, lot.body).toBe(201);
    const list = await t.app.inject({ method: 'GET', url: '/api/smes?skill=loft-insulation&near=52.52,-1.84&radiusKm=10', headers: provider.auth });
    expect(list.json().items, list.body).toHaveLength(1);
    const bad = await t.app.inject({ method: 'POST', url: '/api/lots', headers: provider.auth, payload: lotInput({ endDate: '2027-02-30' }) });
    expect(bad.statusCode).toBe(400);
    console.log(bad.body);
  });
});
