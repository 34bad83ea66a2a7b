import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lot, PostcodePlace, Sme, type LotInput, type SmeInput } from '@lepa/shared';
import { startTestApp, type TestApp } from '../support/app.ts';
import { call, expectError } from '../support/http.ts';
import { lotInput, register, smeInput, type Account } from '../support/fixtures.ts';
import { assertShape } from '../support/shape.ts';
import { FIRMS_CSV_HEADER } from '../fixtures/firms-csv.ts';

/** The district centres in server/src/geo/outcodes.csv. */
const B6 = { lat: 52.50388, lon: -1.88508 };
const B23 = { lat: 52.52812, lon: -1.85405 };

function withoutLocation<T extends { location?: unknown; postcode?: string }>(input: T, postcode?: string): T {
  const { location: _location, ...rest } = input;
  return (postcode === undefined ? rest : { ...rest, postcode }) as T;
}

describe('place: postcodes instead of coordinates', () => {
  let t: TestApp;
  let sme: Account;
  let provider: Account;
  beforeAll(async () => {
    t = await startTestApp();
    sme = await register(t.app, 'sme');
    provider = await register(t.app, 'provider');
  });
  afterAll(() => t.close());

  it('creates a firm from a postcode alone, at its district centre, saying so', async () => {
    const reply = await call(t.app, 'POST', '/api/smes', {
      as: sme,
      payload: withoutLocation(smeInput(), ' b6  5rq '),
    });
    expect(reply.status, reply.text).toBe(201);
    assertShape(Sme, reply.body);
    expect(reply.body).toMatchObject({ postcode: 'B6 5RQ', location: B6, locationSource: 'postcode-district' });
    const read = await call(t.app, 'GET', `/api/smes/${reply.body.id}`, { as: provider });
    expect(read.body.locationSource).toBe('postcode-district');
  });

  it('creates a lot from a postcode alone, at its district centre, saying so', async () => {
    const reply = await call(t.app, 'POST', '/api/lots', { as: provider, payload: withoutLocation(lotInput()) });
    expect(reply.status, reply.text).toBe(201);
    assertShape(Lot, reply.body);
    expect(reply.body).toMatchObject({ postcode: 'B23 6TN', location: B23, locationSource: 'postcode-district' });
  });

  it('lets an exact location win over the postcode, on create and on update', async () => {
    const exact = { lat: 52.5301, lon: -1.8302 };
    const firm = await call(t.app, 'POST', '/api/smes', { as: sme, payload: smeInput({ location: exact }) });
    expect(firm.status, firm.text).toBe(201);
    expect(firm.body).toMatchObject({ postcode: 'B6 5RQ', location: exact, locationSource: 'exact' });
    // Dropping the point on update falls back to the postcode; giving it again makes it exact again.
    const moved = await call(t.app, 'PUT', `/api/smes/${firm.body.id}`, {
      as: sme,
      payload: withoutLocation(smeInput(), 'B23 6TN'),
    });
    expect(moved.body).toMatchObject({ postcode: 'B23 6TN', location: B23, locationSource: 'postcode-district' });
    const lot = await call(t.app, 'POST', '/api/lots', { as: provider, payload: lotInput({ location: exact }) });
    expect(lot.body).toMatchObject({ location: exact, locationSource: 'exact' });
    const noPostcode = { ...smeInput({ location: exact }) } as Partial<SmeInput>;
    delete noPostcode.postcode;
    const bare = await call(t.app, 'POST', '/api/smes', { as: sme, payload: noPostcode });
    expect(bare.body).toMatchObject({ postcode: null, location: exact, locationSource: 'exact' });
  });

  it('answers 400 naming postcode for an unknown district or a malformed postcode, storing nothing', async () => {
    const before = (await call(t.app, 'GET', '/api/smes?mine=true&limit=100', { as: sme })).body.items.length;
    for (const postcode of ['ZZ99 9ZZ', 'B22 1AA', 'B23 6T', '123 ABC', 'B', 'AB1 2C3']) {
      for (const payload of [withoutLocation(smeInput(), postcode), smeInput({ postcode })]) {
        const reply = await call(t.app, 'POST', '/api/smes', { as: sme, payload });
        expectError(reply, 400, 'invalid_input', 'postcode');
        expect(reply.body.error.message).toContain('postcode');
      }
      const lot = await call(t.app, 'POST', '/api/lots', {
        as: provider,
        payload: withoutLocation(lotInput(), postcode),
      });
      expectError(lot, 400, 'invalid_input', 'postcode');
    }
    const unknown = await call(t.app, 'POST', '/api/smes', {
      as: sme,
      payload: withoutLocation(smeInput(), 'ZZ99 9ZZ'),
    });
    expect(unknown.body.error.message).toBe('postcode "ZZ99 9ZZ": no UK postcode district ZZ99 is known');
    const after = (await call(t.app, 'GET', '/api/smes?mine=true&limit=100', { as: sme })).body.items.length;
    expect(after).toBe(before);
  });

  it('answers 400 naming location when neither a postcode nor a location is given', async () => {
    const firm = withoutLocation(smeInput()) as Partial<SmeInput>;
    delete firm.postcode;
    expectError(await call(t.app, 'POST', '/api/smes', { as: sme, payload: firm }), 400, 'invalid_input', 'location');
    const lot = withoutLocation(lotInput()) as Partial<LotInput>;
    delete lot.postcode;
    expectError(
      await call(t.app, 'POST', '/api/lots', { as: provider, payload: lot }),
      400,
      'invalid_input',
      'location',
    );
  });

  it('looks up a postcode for the forms: GET /api/geo/postcodes/:postcode', async () => {
    const reply = await call(t.app, 'GET', '/api/geo/postcodes/b23%206tn', { as: sme });
    expect(reply.status, reply.text).toBe(200);
    assertShape(PostcodePlace, reply.body);
    expect(reply.body).toEqual({
      postcode: 'B23 6TN',
      outcode: 'B23',
      location: B23,
      district: 'Birmingham',
      area: 'Erdington',
    });
    const outward = await call(t.app, 'GET', '/api/geo/postcodes/CV1', { as: sme });
    expect(outward.body).toMatchObject({ postcode: 'CV1', outcode: 'CV1', district: 'Coventry', area: null });
    expectError(await call(t.app, 'GET', '/api/geo/postcodes/ZZ99%209ZZ', { as: sme }), 404, 'not_found');
    expectError(await call(t.app, 'GET', '/api/geo/postcodes/B23%206', { as: sme }), 400, 'invalid_input', 'postcode');
    expectError(await call(t.app, 'GET', '/api/geo/postcodes/B23'), 401, 'unauthorized');
  });

  it('imports a CSV with a postcode column and no coordinates', async () => {
    const header = FIRMS_CSV_HEADER.replace('lat,lon,', '');
    const row = (name: string, postcode: string) =>
      `${name},${postcode},25,6,independent,yes,1,80,no,loft-insulation:20:500,pas-2030:2030-01-31`;
    const body = `${header}\n${row('Erdington Lofts', 'B23 6TN')}\n${row('Aston Lofts', 'b6 5rq')}\n`;
    const reply = await call(t.app, 'POST', '/api/smes/import', {
      as: sme,
      payload: body,
      headers: { 'content-type': 'text/csv' },
    });
    expect(reply.status, reply.text).toBe(201);
    const [first, second] = reply.body.items as { id: string }[];
    expect((await call(t.app, 'GET', `/api/smes/${first!.id}`, { as: sme })).body).toMatchObject({
      postcode: 'B23 6TN',
      location: B23,
      locationSource: 'postcode-district',
    });
    expect((await call(t.app, 'GET', `/api/smes/${second!.id}`, { as: sme })).body).toMatchObject({
      postcode: 'B6 5RQ',
      location: B6,
    });
    // Empty coordinate cells fall back to the postcode too; an unknown one names the line and column.
    const withEmptyCells = `${FIRMS_CSV_HEADER}\nBlank Point Lofts,B23 1AA,,,25,6,independent,yes,1,80,no,loft-insulation:20:500,\nNowhere Lofts,ZZ99 1AA,,,25,6,independent,yes,1,80,no,loft-insulation:20:500,\n`;
    const bad = await call(t.app, 'POST', '/api/smes/import', {
      as: sme,
      payload: withEmptyCells,
      headers: { 'content-type': 'text/csv' },
    });
    expectError(bad, 400, 'invalid_input');
    expect(bad.body.error.details).toEqual([{ line: 3, field: 'postcode', message: expect.stringContaining('ZZ99') }]);
  });

  it("places an OCDS lot by its delivery address's postcode when it has no point", async () => {
    const lot = await call(t.app, 'POST', '/api/lots', { as: provider, payload: lotInput() });
    const exported = (await call(t.app, 'GET', `/api/lots/${lot.body.id}/ocds`, { as: provider })).body;
    const tender = exported.releases[0].tender;
    for (const item of tender.items) delete item.deliveryLocation;
    for (const target of [tender, ...(tender.lots ?? [])]) {
      if (target.x_lepa) {
        delete target.x_lepa.location;
        delete target.x_lepa.postcode;
      }
    }
    const imported = await call(t.app, 'POST', '/api/lots/import/ocds', { as: provider, payload: exported });
    expect(imported.status, imported.text).toBe(201);
    expect(imported.body.items[0]).toMatchObject({
      postcode: 'B23 6TN',
      location: B23,
      locationSource: 'postcode-district',
    });
    for (const item of tender.items) item.deliveryAddress = { postalCode: 'ZZ99 9ZZ' };
    const refused = await call(t.app, 'POST', '/api/lots/import/ocds', { as: provider, payload: exported });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.text).toContain('postalCode');
  });
});

describe('dates and numbers that make sense', () => {
  let t: TestApp;
  let sme: Account;
  let provider: Account;
  beforeAll(async () => {
    t = await startTestApp();
    sme = await register(t.app, 'sme');
    provider = await register(t.app, 'provider');
  });
  afterAll(() => t.close());

  it('refuses a new lot that starts in the past, naming startDate; today is fine', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const past = await call(t.app, 'POST', '/api/lots', {
      as: provider,
      payload: lotInput({ startDate: '2020-01-01', endDate: '2030-01-31' }),
    });
    expectError(past, 400, 'invalid_input', 'startDate');
    expect(past.body.error.message).toContain('cannot be in the past');
    const now = await call(t.app, 'POST', '/api/lots', {
      as: provider,
      payload: lotInput({ startDate: today, endDate: '2099-01-31' }),
    });
    expect(now.status, now.text).toBe(201);
  });

  it('refuses more apprentices than staff and unit prices of zero', async () => {
    const apprentices = await call(t.app, 'POST', '/api/smes', {
      as: sme,
      payload: smeInput({
        employees: 3,
        socialValue: { realLivingWage: true, apprentices: 4, localEmployeesPct: 80, charterSignatory: true },
      }),
    });
    expectError(apprentices, 400, 'invalid_input', 'socialValue.apprentices');
    const free = await call(t.app, 'POST', '/api/smes', {
      as: sme,
      payload: smeInput({ capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 10, unitPrice: 0 }] }),
    });
    expectError(free, 400, 'invalid_input', 'capabilities.0.unitPrice');
  });

  it('saves a firm whose certificate has expired (the firm page flags it)', async () => {
    const reply = await call(t.app, 'POST', '/api/smes', {
      as: sme,
      payload: smeInput({ certifications: [{ scheme: 'pas-2030', expires: '2024-10-02' }] }),
    });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.body.certifications).toEqual([{ scheme: 'pas-2030', reference: null, expires: '2024-10-02' }]);
  });
});
