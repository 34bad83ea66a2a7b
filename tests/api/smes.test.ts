import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { haversineKm, Ok, Sme, SmePage, type SmeInput } from '@lepa/shared';
import { startTestApp, type TestApp } from '../support/app.ts';
import { lotInput, register, smeInput, type Account } from '../support/fixtures.ts';
import { call, expectError, UNKNOWN_ID } from '../support/http.ts';
import { INVALID_SME_FIELDS, withField } from '../support/inputs.ts';
import { assertShape } from '../support/shape.ts';

describe('SME API', () => {
  let t: TestApp;
  let owner: Account;
  let otherSme: Account;
  let provider: Account;
  beforeAll(async () => {
    t = await startTestApp();
    [owner, otherSme, provider] = await Promise.all([
      register(t.app, 'sme'),
      register(t.app, 'sme'),
      register(t.app, 'provider'),
    ]);
  });
  afterAll(() => t.close());

  async function createFirm(as: Account, input: SmeInput = smeInput()) {
    const created = await call(t.app, 'POST', '/api/smes', { as, payload: input });
    expect(created.status, created.text).toBe(201);
    return created.body as Sme;
  }

  it('creates a firm and answers the Sme shape, readable by any signed-in account', async () => {
    const input = smeInput();
    const created = await call(t.app, 'POST', '/api/smes', { as: owner, payload: input });
    expect(created.status, created.text).toBe(201);
    assertShape(Sme, created.body);
    expect(created.body).toMatchObject({
      ownerId: owner.id,
      name: input.name,
      postcode: input.postcode,
      location: input.location,
      serviceRadiusKm: input.serviceRadiusKm,
      employees: input.employees,
      ownership: input.ownership,
      socialValue: input.socialValue,
    });
    expect(created.body.capabilities).toEqual(expect.arrayContaining(input.capabilities));
    expect(created.body.capabilities).toHaveLength(input.capabilities.length);
    expect(created.body.certifications).toEqual([
      { scheme: 'pas-2035', reference: 'PAS-1234', expires: '2030-01-31' },
      { scheme: 'pas-2030', reference: null, expires: '2030-01-31' },
    ]);
    for (const viewer of [owner, otherSme, provider]) {
      const read = await call(t.app, 'GET', `/api/smes/${created.body.id}`, { as: viewer });
      expect(read.status).toBe(200);
      assertShape(Sme, read.body);
      expect(read.body).toEqual(created.body);
    }
  });

  it('accepts a minimal firm: no postcode, no certifications, one skill', async () => {
    const input = smeInput({
      certifications: [],
      capabilities: [{ skill: 'scaffolding', capacityPerMonth: 1, unitPrice: 0.01 }],
    });
    delete (input as Partial<SmeInput>).postcode;
    const firm = await createFirm(owner, input);
    expect(firm.postcode).toBeNull();
    expect(firm.certifications).toEqual([]);
    expect(firm.capabilities).toEqual([{ skill: 'scaffolding', capacityPerMonth: 1, unitPrice: 0.01 }]);
  });

  it('PUT replaces the whole profile for its owner', async () => {
    const firm = await createFirm(owner);
    const next = smeInput({
      name: 'Aston Heat Pumps',
      location: { lat: 52.48, lon: -1.9 },
      capabilities: [{ skill: 'air-source-heat-pump', capacityPerMonth: 4, unitPrice: 9000 }],
      certifications: [{ scheme: 'mcs', reference: 'MCS-9', expires: '2031-06-30' }],
      socialValue: { realLivingWage: false, apprentices: 0, localEmployeesPct: 10.5, charterSignatory: false },
    });
    const updated = await call(t.app, 'PUT', `/api/smes/${firm.id}`, { as: owner, payload: next });
    expect(updated.status, updated.text).toBe(200);
    assertShape(Sme, updated.body);
    expect(updated.body).toMatchObject({
      id: firm.id,
      ownerId: owner.id,
      createdAt: firm.createdAt,
      name: 'Aston Heat Pumps',
    });
    expect(updated.body.capabilities).toEqual(next.capabilities);
    expect(updated.body.certifications).toEqual(next.certifications);
    expect(updated.body.socialValue).toEqual(next.socialValue);
    expect(Date.parse(updated.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(firm.updatedAt));
    const read = await call(t.app, 'GET', `/api/smes/${firm.id}`, { as: provider });
    expect(read.body).toEqual(updated.body);
  });

  it('PUT leaves each child row as the body gives it, whether it changed, stayed, came or went', async () => {
    const firm = await createFirm(owner);
    const [coordinator, loft] = smeInput().capabilities as [SmeInput['capabilities'][0], SmeInput['capabilities'][0]];
    const [pas2035, pas2030] = smeInput().certifications as [
      SmeInput['certifications'][0],
      SmeInput['certifications'][0],
    ];
    const cavity = { skill: 'cavity-wall-insulation' as const, capacityPerMonth: 12, unitPrice: 310.5 };
    const trustMark = { scheme: 'trustmark' as const, reference: 'TM-77', expires: '2029-12-31' };
    const saves: Pick<SmeInput, 'name' | 'capabilities' | 'certifications'>[] = [
      // Only the name: every child row stays.
      { name: 'Renamed Lofts', capabilities: [coordinator, loft], certifications: [pas2035, pas2030] },
      // One price, and the certifications' order.
      {
        name: 'Renamed Lofts',
        capabilities: [coordinator, { ...loft, unitPrice: 549.99 }],
        certifications: [pas2030, pas2035],
      },
      // A skill and a certificate come, one of each goes, one reference changes.
      {
        name: 'Renamed Lofts',
        capabilities: [cavity, { ...loft, unitPrice: 549.99 }],
        certifications: [{ ...pas2030, reference: 'PAS-30' }, trustMark],
      },
      // Back to the first.
      { name: 'Back Again', capabilities: [coordinator, loft], certifications: [pas2035, pas2030] },
      // Nothing at all changed.
      { name: 'Back Again', capabilities: [coordinator, loft], certifications: [pas2035, pas2030] },
      { name: 'Back Again', capabilities: [loft], certifications: [] },
    ];
    for (const save of saves) {
      const updated = await call(t.app, 'PUT', `/api/smes/${firm.id}`, { as: owner, payload: smeInput(save) });
      expect(updated.status, updated.text).toBe(200);
      const bySkill = (list: SmeInput['capabilities']) => [...list].sort((a, b) => a.skill.localeCompare(b.skill));
      expect(updated.body.name).toBe(save.name);
      expect(bySkill(updated.body.capabilities)).toEqual(bySkill(save.capabilities));
      expect(updated.body.certifications).toEqual(
        save.certifications.map((c) => ({ ...c, reference: c.reference ?? null })),
      );
      const read = await call(t.app, 'GET', `/api/smes/${firm.id}`, { as: provider });
      expect(read.body).toEqual(updated.body);
    }
  });

  it('DELETE removes the firm for its owner; later reads answer 404', async () => {
    const firm = await createFirm(owner);
    const deleted = await call(t.app, 'DELETE', `/api/smes/${firm.id}`, { as: owner });
    expect(deleted.status).toBe(200);
    assertShape(Ok, deleted.body);
    expectError(await call(t.app, 'GET', `/api/smes/${firm.id}`, { as: owner }), 404, 'not_found');
    expectError(await call(t.app, 'PUT', `/api/smes/${firm.id}`, { as: owner, payload: smeInput() }), 404, 'not_found');
    expectError(await call(t.app, 'DELETE', `/api/smes/${firm.id}`, { as: owner }), 404, 'not_found');
  });

  it.each(INVALID_SME_FIELDS)('POST and PUT answer 400 naming %s (%s = %j)', async (field, path, value) => {
    const payload = withField(smeInput(), path, value);
    expectError(await call(t.app, 'POST', '/api/smes', { as: owner, payload }), 400, 'invalid_input', field);
    const firm = (await t.app.inject({ method: 'GET', url: '/api/smes?mine=true&limit=1', headers: owner.auth })).json()
      .items[0];
    expectError(await call(t.app, 'PUT', `/api/smes/${firm.id}`, { as: owner, payload }), 400, 'invalid_input', field);
  });

  it('answers 400 for a body that is not an object, and for a non-UUID id', async () => {
    for (const payload of [[], 'firm', 42, null]) {
      const reply = await t.app.inject({
        method: 'POST',
        url: '/api/smes',
        headers: { ...owner.auth, 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });
      expect(reply.statusCode, reply.body).toBe(400);
      expect(reply.json().error.code).toBe('invalid_input');
    }
    expectError(await call(t.app, 'GET', '/api/smes/not-a-uuid', { as: owner }), 400, 'invalid_input', 'id');
    expectError(
      await call(t.app, 'PUT', '/api/smes/123', { as: owner, payload: smeInput() }),
      400,
      'invalid_input',
      'id',
    );
  });

  it('answers 401 on every SME route without a token', async () => {
    const firm = await createFirm(owner);
    expectError(await call(t.app, 'POST', '/api/smes', { payload: smeInput() }), 401, 'unauthorized');
    expectError(await call(t.app, 'GET', '/api/smes'), 401, 'unauthorized');
    expectError(await call(t.app, 'GET', `/api/smes/${firm.id}`), 401, 'unauthorized');
    expectError(await call(t.app, 'PUT', `/api/smes/${firm.id}`, { payload: smeInput() }), 401, 'unauthorized');
    expectError(await call(t.app, 'DELETE', `/api/smes/${firm.id}`), 401, 'unauthorized');
  });

  it('answers 403 to providers and to another SME account, and changes nothing', async () => {
    const firm = await createFirm(owner);
    expectError(await call(t.app, 'POST', '/api/smes', { as: provider, payload: smeInput() }), 403, 'forbidden');
    for (const intruder of [otherSme, provider]) {
      expectError(
        await call(t.app, 'PUT', `/api/smes/${firm.id}`, { as: intruder, payload: smeInput({ name: 'Hijacked' }) }),
        403,
        'forbidden',
      );
      expectError(await call(t.app, 'DELETE', `/api/smes/${firm.id}`, { as: intruder }), 403, 'forbidden');
    }
    const read = await call(t.app, 'GET', `/api/smes/${firm.id}`, { as: owner });
    expect(read.body).toEqual(firm);
  });

  it('answers 404 for unknown ids', async () => {
    expectError(await call(t.app, 'GET', `/api/smes/${UNKNOWN_ID}`, { as: owner }), 404, 'not_found');
    expectError(
      await call(t.app, 'PUT', `/api/smes/${UNKNOWN_ID}`, { as: owner, payload: smeInput() }),
      404,
      'not_found',
    );
    expectError(await call(t.app, 'DELETE', `/api/smes/${UNKNOWN_ID}`, { as: owner }), 404, 'not_found');
  });

  it('pages through every firm with limit and cursor, without duplicates or gaps', async () => {
    const lister = await register(t.app, 'sme');
    const ids = new Set<string>();
    for (let i = 0; i < 23; i++) ids.add((await createFirm(lister, smeInput({ name: `Paged firm ${i}` }))).id);
    for (const limit of [1, 5, 7, 23, 100]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/smes?mine=true&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = await call(t.app, 'GET', url, { as: lister });
        expect(page.status, page.text).toBe(200);
        assertShape(SmePage, page.body);
        expect(page.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.body.items.map((item: Sme) => item.id));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor !== null && pages < 100);
      expect(new Set(seen).size, `limit ${limit}`).toBe(seen.length);
      expect(new Set(seen)).toEqual(ids);
      expect(pages).toBe(Math.ceil(23 / limit));
    }
    // The whole list (every account's firms) pages the same way.
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (
        await call(t.app, 'GET', `/api/smes?limit=9${cursor ? `&cursor=${cursor}` : ''}`, { as: provider })
      ).body;
      all.push(...page.items.map((item: Sme) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(all).size).toBe(all.length);
    for (const id of ids) expect(all).toContain(id);
  });

  it('answers 400 for bad list parameters', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=abc', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
      ['cursor=', 'cursor'],
      ['skill=plumbing', 'skill'],
      ['near=52.5,-1.9', 'radiusKm'],
      ['radiusKm=10', 'near'],
      ['near=95,-1.9&radiusKm=10', 'near'],
      ['near=52.5,-181&radiusKm=10', 'near'],
      ['near=birmingham&radiusKm=10', 'near'],
      ['near=52.5,-1.9&radiusKm=0', 'radiusKm'],
      ['near=52.5,-1.9&radiusKm=-4', 'radiusKm'],
      ['near=52.5,-1.9&radiusKm=1001', 'radiusKm'],
      ['sort=name', 'sort'],
    ]) {
      expectError(await call(t.app, 'GET', `/api/smes?${query}`, { as: provider }), 400, 'invalid_input', field);
    }
  });

  it('filters by skill and distance exactly as haversine does', async () => {
    // Firms scattered around the Scottish Highlands, far from every other test's Birmingham firms.
    const center = { lat: 57.0, lon: -4.5 };
    const skills = ['loft-insulation', 'solar-pv', 'scaffolding', 'electrical'] as const;
    const placer = await register(t.app, 'sme');
    const firms = fc.sample(
      fc.record({
        dLat: fc.double({ min: -1.2, max: 1.2, noNaN: true }),
        dLon: fc.double({ min: -2, max: 2, noNaN: true }),
        skills: fc.subarray([...skills], { minLength: 1 }),
      }),
      { seed: 20270301, numRuns: 40 },
    );
    const created: { id: string; location: { lat: number; lon: number }; skills: string[] }[] = [];
    for (const [i, f] of firms.entries()) {
      const location = { lat: center.lat + f.dLat, lon: center.lon + f.dLon };
      const firm = await createFirm(
        placer,
        smeInput({
          name: `Highland firm ${i}`,
          location,
          capabilities: f.skills.map((skill) => ({ skill, capacityPerMonth: 5, unitPrice: 100 })),
          certifications: [],
        }),
      );
      created.push({ id: firm.id, location, skills: f.skills });
    }
    const queries: { skill?: string; near?: { lat: number; lon: number }; radiusKm?: number }[] = [];
    for (const radiusKm of [5, 25, 60, 120]) {
      for (const near of [center, { lat: 57.3, lon: -5.1 }, { lat: 56.4, lon: -3.2 }]) {
        queries.push({ near, radiusKm });
        for (const skill of skills) queries.push({ skill, near, radiusKm });
      }
    }
    let nonEmpty = 0;
    for (const q of queries) {
      const params = new URLSearchParams({ limit: '100' });
      if (q.skill) params.set('skill', q.skill);
      if (q.near) params.set('near', `${q.near.lat},${q.near.lon}`);
      if (q.radiusKm) params.set('radiusKm', String(q.radiusKm));
      const page = await call(t.app, 'GET', `/api/smes?${params}`, { as: provider });
      expect(page.status, page.text).toBe(200);
      const got = (page.body.items as Sme[]).map((s) => s.id).sort();
      const expected = created
        .filter((f) => !q.skill || f.skills.includes(q.skill))
        .filter((f) => !q.near || haversineKm(q.near, f.location) <= q.radiusKm!)
        .map((f) => f.id)
        .sort();
      expect(got, JSON.stringify(q)).toEqual(expected);
      for (const item of page.body.items as Sme[]) {
        if (q.skill) expect(item.capabilities.map((c) => c.skill)).toContain(q.skill);
      }
      if (expected.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(queries.length / 3);
    // Skill alone, limited to this account's firms.
    for (const skill of skills) {
      const page = await call(t.app, 'GET', `/api/smes?mine=true&limit=100&skill=${skill}`, { as: placer });
      expect((page.body.items as Sme[]).map((s) => s.id).sort()).toEqual(
        created
          .filter((f) => f.skills.includes(skill))
          .map((f) => f.id)
          .sort(),
      );
    }
    // A filtered list pages without duplicates too.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (
        await call(
          t.app,
          'GET',
          `/api/smes?limit=3&near=${center.lat},${center.lon}&radiusKm=120${cursor ? `&cursor=${cursor}` : ''}`,
          { as: provider },
        )
      ).body;
      seen.push(...page.items.map((s: Sme) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(
      created
        .filter((f) => haversineKm(center, f.location) <= 120)
        .map((f) => f.id)
        .sort(),
    );
  });
});

describe('JSON types', () => {
  let t: TestApp;
  let owner: Account;
  let provider: Account;
  beforeAll(async () => {
    t = await startTestApp();
    [owner, provider] = await Promise.all([register(t.app, 'sme'), register(t.app, 'provider')]);
  });
  afterAll(() => t.close());

  // Fastify's validator coerces types (query strings need it); a JSON body must not be coerced.
  it.each([
    ['employees', 'employees', '8'],
    ['employees', 'employees', true],
    ['name', 'name', 123],
    ['capabilities', 'capabilities', { skill: 'loft-insulation', capacityPerMonth: 3, unitPrice: 1 }],
    ['capabilities.0.unitPrice', 'capabilities.0.unitPrice', null],
    ['capabilities.0.capacityPerMonth', 'capabilities.0.capacityPerMonth', '12'],
    ['socialValue.apprentices', 'socialValue.apprentices', null],
    ['socialValue.realLivingWage', 'socialValue.realLivingWage', 'true'],
    ['socialValue.charterSignatory', 'socialValue.charterSignatory', 0],
    ['location.lat', 'location.lat', '52.5'],
    ['certifications', 'certifications', null],
  ])('SmeInput refuses %s of the wrong type (%s = %j)', async (field, path, value) => {
    expectError(
      await call(t.app, 'POST', '/api/smes', { as: owner, payload: withField(smeInput(), path, value) }),
      400,
      'invalid_input',
      field,
    );
  });

  it.each([
    ['homes', 'homes', '20'],
    ['maxDistanceKm', 'maxDistanceKm', false],
    ['maxDistanceKm', 'maxDistanceKm', '30'],
    ['requirements', 'requirements', { skill: 'loft-insulation', quantity: 3 }],
    ['requirements.0.certifications', 'requirements.0.certifications', 'mcs'],
    ['requirements.0.quantity', 'requirements.0.quantity', null],
    ['maxMembers', 'maxMembers', '4'],
  ])('LotInput refuses %s of the wrong type (%s = %j)', async (field, path, value) => {
    expectError(
      await call(t.app, 'POST', '/api/lots', { as: provider, payload: withField(lotInput(), path, value) }),
      400,
      'invalid_input',
      field,
    );
  });

  it('register and login refuse non-string fields', async () => {
    expectError(
      await call(t.app, 'POST', '/api/auth/register', {
        payload: { email: 'x@example.test', password: 1234567890123, name: 'X', role: 'sme' },
      }),
      400,
      'invalid_input',
      'password',
    );
    expectError(
      await call(t.app, 'POST', '/api/auth/login', {
        payload: { email: ['x@example.test'], password: 'abcdefghijkl' },
      }),
      400,
      'invalid_input',
      'email',
    );
  });
});
