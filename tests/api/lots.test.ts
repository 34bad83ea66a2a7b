import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOT_DEFAULTS, Lot, LotPage, type LotInput } from '@lepa/shared';
import { startTestApp, type TestApp } from '../support/app.ts';
import { lotInput, register, type Account } from '../support/fixtures.ts';
import { call, expectError, UNKNOWN_ID } from '../support/http.ts';
import { assertShape } from '../support/shape.ts';
import { INVALID_LOT_FIELDS, withField } from '../support/inputs.ts';

describe('lot API', () => {
  let t: TestApp;
  let owner: Account;
  let otherProvider: Account;
  let sme: Account;
  beforeAll(async () => {
    t = await startTestApp();
    [owner, otherProvider, sme] = await Promise.all([
      register(t.app, 'provider'),
      register(t.app, 'provider'),
      register(t.app, 'sme'),
    ]);
  });
  afterAll(() => t.close());

  async function createLot(as: Account = owner, input: LotInput = lotInput()) {
    const created = await call(t.app, 'POST', '/api/lots', { as, payload: input });
    expect(created.status, created.text).toBe(201);
    return created.body as Lot;
  }

  it('creates an open lot with DESIGN defaults and answers the Lot shape to any signed-in account', async () => {
    const input = lotInput();
    const created = await call(t.app, 'POST', '/api/lots', { as: owner, payload: input });
    expect(created.status, created.text).toBe(201);
    assertShape(Lot, created.body);
    expect(created.body).toMatchObject({
      ownerId: owner.id,
      title: input.title,
      postcode: input.postcode,
      location: input.location,
      homes: input.homes,
      startDate: '2027-03-01',
      endDate: '2027-03-31',
      status: 'open',
      maxMembers: 6,
      maxDistanceKm: null,
      socialValueWeight: 1,
      travelCostPerUnitKm: 2,
      coordinationCostPerMember: 5000,
    });
    expect(LOT_DEFAULTS).toMatchObject({
      maxMembers: 6,
      socialValueWeight: 1,
      travelCostPerUnitKm: 2,
      coordinationCostPerMember: 5000,
    });
    expect(created.body.requirements).toEqual([
      { skill: 'loft-insulation', quantity: 20, certifications: [] },
      { skill: 'retrofit-coordinator', quantity: 20, certifications: [] },
    ]);
    for (const viewer of [owner, otherProvider, sme]) {
      const read = await call(t.app, 'GET', `/api/lots/${created.body.id}`, { as: viewer });
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
    }
  });

  it('keeps every optional setting it is given', async () => {
    const input = lotInput({
      maxMembers: 20,
      maxDistanceKm: 30,
      socialValueWeight: 0,
      travelCostPerUnitKm: 0.5,
      coordinationCostPerMember: 0,
      requirements: [{ skill: 'air-source-heat-pump', quantity: 7, certifications: ['trustmark', 'gas-safe'] }],
    });
    const lot = await createLot(owner, input);
    expect(lot).toMatchObject({
      maxMembers: 20,
      maxDistanceKm: 30,
      socialValueWeight: 0,
      travelCostPerUnitKm: 0.5,
      coordinationCostPerMember: 0,
    });
    expect(lot.requirements).toEqual([
      { skill: 'air-source-heat-pump', quantity: 7, certifications: ['trustmark', 'gas-safe'] },
    ]);
    const minimal = lotInput({ maxMembers: 1, maxDistanceKm: null, startDate: '2028-02-28', endDate: '2028-02-29' });
    delete (minimal as Partial<LotInput>).postcode;
    const small = await createLot(owner, minimal);
    expect(small).toMatchObject({ maxMembers: 1, maxDistanceKm: null, postcode: null, endDate: '2028-02-29' });
  });

  it('PUT replaces the lot for its owner and grows its version', async () => {
    const lot = await createLot();
    const next = lotInput({
      title: 'Kingstanding walls',
      homes: 40,
      requirements: [{ skill: 'external-wall-insulation', quantity: 40 }],
      maxMembers: 3,
    });
    const updated = await call(t.app, 'PUT', `/api/lots/${lot.id}`, { as: owner, payload: next });
    expect(updated.status, updated.text).toBe(200);
    assertShape(Lot, updated.body);
    expect(updated.body).toMatchObject({
      id: lot.id,
      title: 'Kingstanding walls',
      homes: 40,
      maxMembers: 3,
      status: 'open',
      createdAt: lot.createdAt,
    });
    expect(updated.body.requirements).toEqual([
      { skill: 'external-wall-insulation', quantity: 40, certifications: [] },
    ]);
    expect(updated.body.version).toBeGreaterThan(lot.version);
    expect((await call(t.app, 'GET', `/api/lots/${lot.id}`, { as: sme })).body).toEqual(updated.body);
  });

  it('closes a lot for its owner; a closed lot answers 409 to edits and to closing again', async () => {
    const lot = await createLot();
    const closed = await call(t.app, 'POST', `/api/lots/${lot.id}/close`, { as: owner });
    expect(closed.status, closed.text).toBe(200);
    assertShape(Lot, closed.body);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.version).toBeGreaterThan(lot.version);
    expectError(
      await call(t.app, 'PUT', `/api/lots/${lot.id}`, { as: owner, payload: lotInput({ title: 'Reopened?' }) }),
      409,
      'conflict',
    );
    expectError(await call(t.app, 'POST', `/api/lots/${lot.id}/close`, { as: owner }), 409, 'conflict');
    const read = await call(t.app, 'GET', `/api/lots/${lot.id}`, { as: owner });
    expect(read.body).toEqual(closed.body);
    // Another provider still gets 403, not 409: ownership is checked first.
    expectError(await call(t.app, 'POST', `/api/lots/${lot.id}/close`, { as: otherProvider }), 403, 'forbidden');
  });

  it.each(INVALID_LOT_FIELDS)('POST and PUT answer 400 naming %s (%s = %j)', async (field, path, value) => {
    const payload = withField(lotInput(), path, value);
    expectError(await call(t.app, 'POST', '/api/lots', { as: owner, payload }), 400, 'invalid_input', field);
    const page = await call(t.app, 'GET', '/api/lots?mine=true&status=open&limit=1', { as: owner });
    const lot = page.body.items[0] ?? (await createLot());
    expectError(await call(t.app, 'PUT', `/api/lots/${lot.id}`, { as: owner, payload }), 400, 'invalid_input', field);
  });

  it('answers 401 on every lot route without a token', async () => {
    const lot = await createLot();
    expectError(await call(t.app, 'POST', '/api/lots', { payload: lotInput() }), 401, 'unauthorized');
    expectError(await call(t.app, 'GET', '/api/lots'), 401, 'unauthorized');
    expectError(await call(t.app, 'GET', `/api/lots/${lot.id}`), 401, 'unauthorized');
    expectError(await call(t.app, 'PUT', `/api/lots/${lot.id}`, { payload: lotInput() }), 401, 'unauthorized');
    expectError(await call(t.app, 'POST', `/api/lots/${lot.id}/close`), 401, 'unauthorized');
  });

  it('answers 403 to SMEs and to another provider, and changes nothing', async () => {
    const lot = await createLot();
    expectError(await call(t.app, 'POST', '/api/lots', { as: sme, payload: lotInput() }), 403, 'forbidden');
    for (const intruder of [sme, otherProvider]) {
      expectError(
        await call(t.app, 'PUT', `/api/lots/${lot.id}`, { as: intruder, payload: lotInput({ title: 'Mine now' }) }),
        403,
        'forbidden',
      );
      expectError(await call(t.app, 'POST', `/api/lots/${lot.id}/close`, { as: intruder }), 403, 'forbidden');
    }
    expect((await call(t.app, 'GET', `/api/lots/${lot.id}`, { as: owner })).body).toEqual(lot);
  });

  it('answers 404 for unknown ids and 400 for malformed ones', async () => {
    expectError(await call(t.app, 'GET', `/api/lots/${UNKNOWN_ID}`, { as: owner }), 404, 'not_found');
    expectError(
      await call(t.app, 'PUT', `/api/lots/${UNKNOWN_ID}`, { as: owner, payload: lotInput() }),
      404,
      'not_found',
    );
    expectError(await call(t.app, 'POST', `/api/lots/${UNKNOWN_ID}/close`, { as: owner }), 404, 'not_found');
    expectError(await call(t.app, 'GET', '/api/lots/lot-1', { as: owner }), 400, 'invalid_input', 'id');
    expectError(await call(t.app, 'POST', '/api/lots/lot-1/close', { as: owner }), 400, 'invalid_input', 'id');
  });

  it('pages through lots with limit and cursor, filtered by mine and status', async () => {
    const poster = await register(t.app, 'provider');
    const open = new Set<string>();
    const closed = new Set<string>();
    for (let i = 0; i < 17; i++) {
      const lot = await createLot(poster, lotInput({ title: `Paged lot ${i}` }));
      if (i % 4 === 0) {
        expect((await call(t.app, 'POST', `/api/lots/${lot.id}/close`, { as: poster })).status).toBe(200);
        closed.add(lot.id);
      } else open.add(lot.id);
    }
    async function walk(query: string, limit: number) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await call(t.app, 'GET', `/api/lots?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, {
          as: poster,
        });
        expect(page.status, page.text).toBe(200);
        assertShape(LotPage, page.body);
        expect(page.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.body.items.map((l: Lot) => l.id));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor && pages < 50);
      expect(new Set(seen).size).toBe(seen.length);
      return new Set(seen);
    }
    for (const limit of [1, 4, 17, 100]) {
      expect(await walk('mine=true', limit)).toEqual(new Set([...open, ...closed]));
      expect(await walk('mine=true&status=open', limit)).toEqual(open);
      expect(await walk('mine=true&status=closed', limit)).toEqual(closed);
    }
    const everything = await walk('status=open', 6);
    for (const id of open) expect(everything.has(id)).toBe(true);
    for (const id of closed) expect(everything.has(id)).toBe(false);
  });

  it('answers 400 for bad list parameters', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=2.5', 'limit'],
      ['cursor=%%%', 'cursor'],
      ['cursor=abc', 'cursor'],
      ['status=pending', 'status'],
      ['mine=perhaps', 'mine'],
      ['owner=me', 'owner'],
    ]) {
      expectError(await call(t.app, 'GET', `/api/lots?${query}`, { as: owner }), 400, 'invalid_input', field);
    }
  });
});
