import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectError } from '../support/http.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { register } from '../support/fixtures.ts';
import { buildMarket, createFirm, createLot, formConsortium, loftFirm, type Market } from '../fixtures/consortia.ts';

let t: TestApp;
let market: Market;
let consortiumId: string;
const firms: Record<string, string> = {};

/** The lot (default fixture) needs 20 loft units in March 2027 at Erdington; the member firm does them all. */
beforeAll(async () => {
  t = await startTestApp();
  market = await buildMarket(t.app);
  const other = await register(t.app, 'sme', 'Other firms');
  const add = async (key: string, overrides: Parameters<typeof loftFirm>[0]) =>
    (firms[key] = await createFirm(t.app, other, loftFirm(overrides)));
  await add('good', {
    name: 'Aston Lofts',
    capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 40, unitPrice: 600 }],
  });
  await add('expiring', {
    name: 'Expiring Lofts',
    certifications: [{ scheme: 'pas-2030', expires: '2027-03-15' }],
  });
  await add('far', { name: 'Far Lofts', location: { lat: 51.5074, lon: -0.1278 } });
  await add('outsideRadius', { name: 'Small Radius Lofts', location: { lat: 52.62, lon: -1.84 }, serviceRadiusKm: 5 });
  await add('small', {
    name: 'Small Lofts',
    capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 10, unitPrice: 300 }],
  });
  await add('otherSkill', {
    name: 'Cavity Only',
    capabilities: [{ skill: 'cavity-wall-insulation', capacityPerMonth: 40, unitPrice: 300 }],
  });
  consortiumId = await formConsortium(t.app, market);
}, 120_000);
afterAll(() => t?.close());

const url = (outgoing: string) => `/api/consortia/${consortiumId}/members/${outgoing}/replacements`;

describe('replacements for a consortium member', () => {
  it('lists only firms the engine would take in the member’s place, with prices, free units and certificates', async () => {
    const reply = await call(t.app, 'GET', url(market.memberFirm), { as: market.lead });
    expect(reply.status, reply.text).toBe(200);
    const items = reply.body.items as {
      smeId: string;
      name: string;
      cost: number;
      distanceKm: number;
      offers: unknown[];
      certifications: unknown[];
      members: { smeId: string; assignments: unknown }[];
    }[];
    expect(items.map((i) => i.name)).toEqual(['Aston Lofts', 'Handsworth Lofts']);
    const aston = items[0]!;
    expect(aston.offers).toEqual([{ skill: 'loft-insulation', unitPrice: 600, available: 40 }]);
    expect(aston.certifications).toEqual([{ scheme: 'pas-2030', expires: '2030-01-31' }]);
    expect(aston.distanceKm).toBeGreaterThan(0);
    expect(aston.members.map((m) => m.smeId)).toEqual(expect.arrayContaining([market.leadFirm, aston.smeId]));

    // The listed cost is the one the swap itself gets.
    const swapped = await call(t.app, 'PUT', `/api/consortia/${consortiumId}/members`, {
      as: market.lead,
      payload: { members: [market.leadFirm, aston.smeId] },
    });
    expect(swapped.status, swapped.text).toBe(200);
    expect(swapped.body.cost).toBe(aston.cost);
    expect(swapped.body.members.map((m: { assignments: unknown }) => m.assignments)).toEqual(
      aston.members.map((m) => m.assignments),
    );
    const back = await call(t.app, 'PUT', `/api/consortia/${consortiumId}/members`, {
      as: market.lead,
      payload: { members: [market.leadFirm, market.memberFirm] },
    });
    expect(back.status, back.text).toBe(200);
  });

  it('leaves out a firm whose units in the window are booked by a submitted bid', async () => {
    const sameWindow = await createLot(t.app, market.provider, { title: 'Same window' });
    const created = await call(t.app, 'POST', `/api/lots/${sameWindow}/consortia`, {
      as: market.lead,
      payload: { members: [market.leadFirm, market.otherFirm] },
    });
    expect(created.status, created.text).toBe(201);
    const accepted = await call(t.app, 'POST', `/api/consortia/${created.body.id}/invitations/accept`, {
      as: market.otherSme,
      payload: {},
    });
    expect(accepted.status, accepted.text).toBe(200);
    const submitted = await call(t.app, 'POST', `/api/consortia/${created.body.id}/submit`, { as: market.lead });
    expect(submitted.status, submitted.text).toBe(200);

    const reply = await call(t.app, 'GET', url(market.memberFirm), { as: market.lead });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.items.map((i: { name: string }) => i.name)).toEqual(['Aston Lofts']);
  });

  it('answers only the lead, and only for another member of a forming consortium', async () => {
    expect((await call(t.app, 'GET', url(market.memberFirm))).status).toBe(401);
    expectError(await call(t.app, 'GET', url(market.memberFirm), { as: market.member }), 403, 'forbidden');
    expectError(await call(t.app, 'GET', url(market.memberFirm), { as: market.otherSme }), 403, 'forbidden');
    expectError(await call(t.app, 'GET', url(market.leadFirm), { as: market.lead }), 400, 'invalid_input', 'smeId');
    expectError(await call(t.app, 'GET', url(firms.good!), { as: market.lead }), 404, 'not_found');
    expectError(await call(t.app, 'GET', url('not-an-id'), { as: market.lead }), 400, 'invalid_input');
  });
});
