import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { lotInput, register, smeInput, type Account } from '../support/fixtures.ts';
import { call, expectError, UNKNOWN_ID } from '../support/http.ts';

describe('programmes', () => {
  let t: TestApp;
  let provider: Account;
  let otherProvider: Account;
  let sme: Account;
  const lotIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    [provider, otherProvider, sme] = await Promise.all([
      register(t.app, 'provider'),
      register(t.app, 'provider'),
      register(t.app, 'sme'),
    ]);
    // Three firms that can each coordinate and insulate 20 homes' lofts a month.
    for (const [index, name] of ['Aston Lofts', 'Erdington Insulation', 'Witton Retrofit'].entries()) {
      const firm = await call(t.app, 'POST', '/api/smes', {
        as: sme,
        payload: smeInput({ name, location: { lat: 52.5037 + index * 0.01, lon: -1.8904 } }),
      });
      expect(firm.status).toBe(201);
    }
    for (const startDate of ['2027-03-01', '2027-03-01', '2027-05-01']) {
      const lot = await call(t.app, 'POST', '/api/lots', {
        as: provider,
        payload: lotInput({ startDate, endDate: startDate === '2027-03-01' ? '2027-03-31' : '2027-05-31' }),
      });
      expect(lot.status).toBe(201);
      lotIds.push(lot.body.id);
    }
  });
  afterAll(() => t.close());

  it('creates, lists, reads, renames and deletes a programme', async () => {
    const created = await call(t.app, 'POST', '/api/programmes', {
      as: provider,
      payload: { name: 'North Birmingham lofts', lotIds },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), name: 'North Birmingham lofts', lotIds });
    const list = await call(t.app, 'GET', '/api/programmes?limit=1', { as: provider });
    expect(list.body).toMatchObject({ items: [created.body], nextCursor: null });
    expect((await call(t.app, 'GET', '/api/programmes', { as: otherProvider })).body.items).toEqual([]);
    const renamed = await call(t.app, 'PUT', `/api/programmes/${created.body.id}`, {
      as: provider,
      payload: { name: 'Two lots', lotIds: lotIds.slice(0, 2) },
    });
    expect(renamed.body).toEqual({ id: created.body.id, name: 'Two lots', lotIds: lotIds.slice(0, 2) });
    expect((await call(t.app, 'GET', `/api/programmes/${created.body.id}`, { as: provider })).body).toEqual(
      renamed.body,
    );
    expect((await call(t.app, 'DELETE', `/api/programmes/${created.body.id}`, { as: provider })).status).toBe(204);
    expectError(await call(t.app, 'GET', `/api/programmes/${created.body.id}`, { as: provider }), 404, 'not_found');
  });

  it('pages with a cursor', async () => {
    const own = await call(t.app, 'POST', '/api/lots', { as: otherProvider, payload: lotInput() });
    const names: string[] = [];
    for (const name of ['P1', 'P2', 'P3']) {
      const made = await call(t.app, 'POST', '/api/programmes', {
        as: otherProvider,
        payload: { name, lotIds: [own.body.id] },
      });
      expect(made.status).toBe(201);
      names.push(name);
    }
    const first = await call(t.app, 'GET', '/api/programmes?limit=2', { as: otherProvider });
    expect(first.body.items).toHaveLength(2);
    const second = await call(t.app, 'GET', `/api/programmes?limit=2&cursor=${first.body.nextCursor}`, {
      as: otherProvider,
    });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items].map((p: { name: string }) => p.name).sort()).toEqual(names);
  });

  it('refuses lots of another provider (403), closed lots (409), unknown lots (400) and bad bodies (400)', async () => {
    expectError(
      await call(t.app, 'POST', '/api/programmes', { as: otherProvider, payload: { name: 'Mine', lotIds } }),
      403,
      'forbidden',
    );
    const closing = await call(t.app, 'POST', '/api/lots', { as: provider, payload: lotInput() });
    await call(t.app, 'POST', `/api/lots/${closing.body.id}/close`, { as: provider });
    expectError(
      await call(t.app, 'POST', '/api/programmes', {
        as: provider,
        payload: { name: 'Closed', lotIds: [lotIds[0], closing.body.id] },
      }),
      409,
      'conflict',
    );
    expectError(
      await call(t.app, 'POST', '/api/programmes', { as: provider, payload: { name: 'X', lotIds: [UNKNOWN_ID] } }),
      400,
      'invalid_input',
      'lotIds/0',
    );
    expectError(
      await call(t.app, 'POST', '/api/programmes', { as: provider, payload: { name: '', lotIds } }),
      400,
      'invalid_input',
    );
    const before = await call(t.app, 'GET', '/api/programmes', { as: provider });
    expect(before.body.items.map((p: { name: string }) => p.name)).not.toContain('Closed');
  });

  it('allocates: every lot covered, no firm over capacity, beside the cheapest-first baseline', async () => {
    const created = await call(t.app, 'POST', '/api/programmes', { as: provider, payload: { name: 'Alloc', lotIds } });
    for (const policy of ['cheapest', 'reach']) {
      const reply = await call(
        t.app,
        'GET',
        `/api/programmes/${created.body.id}/allocation?policy=${policy}&costTolerancePct=2`,
        {
          as: provider,
        },
      );
      expect(reply.status, reply.text).toBe(200);
      const answer = reply.body;
      expect(answer.status).toBe('optimal');
      expect(answer.lots.map((lot: { lotId: string }) => lot.lotId)).toEqual(lotIds);
      expect(answer.totals.lotsCovered).toBe(3);
      // 20 coordinator + 20 loft units a month each: the two March lots need two different firms.
      const march = answer.lots
        .slice(0, 2)
        .map((lot: { proposal: { members: { smeId: string }[] } }) =>
          lot.proposal.members.map((member) => member.smeId),
        );
      expect(march[0].some((id: string) => march[1].includes(id))).toBe(false);
      expect(answer.baseline.lotsCovered).toBe(3);
      if (policy === 'reach') expect(answer.totals.distinctFirms).toBe(3);
      expect(answer.totals.cost).toBeLessThanOrEqual(answer.baseline.cost * 1.02 + 0.01);
    }
    const recommendation = await call(t.app, 'GET', `/api/lots/${lotIds[2]}/recommendation`, { as: sme });
    expect(recommendation.status, recommendation.text).toBe(200);
    expect(recommendation.body).toMatchObject({
      lotId: lotIds[2],
      programmeId: created.body.id,
      programmeName: 'Alloc',
    });
    expectError(
      await call(t.app, 'GET', `/api/programmes/${created.body.id}/allocation?policy=dearest`, { as: provider }),
      400,
      'invalid_input',
    );
  });

  it('dry-runs a draft lot without storing it', async () => {
    const before = await call(t.app, 'GET', '/api/lots?mine=true', { as: provider });
    const reply = await call(t.app, 'POST', '/api/lots/dry-run', {
      as: provider,
      payload: lotInput({
        maxDistanceKm: 5,
        requirements: [{ skill: 'loft-insulation', quantity: 20, certifications: ['trustmark'] }],
      }),
    });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toMatchObject({
      coverable: false,
      consortiaCount: 0,
      countCapped: false,
      cheapestCost: null,
      skills: [{ skill: 'loft-insulation', eligibleFirms: 0, thin: true }],
    });
    const changes = reply.body.relaxations.map((relaxation: { change: string }) => relaxation.change);
    expect(changes).toEqual([
      'widen the radius to 15 km',
      'allow 7 members',
      'allow 30 more days',
      'drop trustmark for loft-insulation',
    ]);
    const dropped = reply.body.relaxations[3];
    expect(dropped.consortiaCount).toBe(3);
    const after = await call(t.app, 'GET', '/api/lots?mine=true', { as: provider });
    expect(after.body.items.length).toBe(before.body.items.length);
    expectError(
      await call(t.app, 'POST', '/api/lots/dry-run', { as: provider, payload: { ...lotInput(), homes: 0 } }),
      400,
      'invalid_input',
      'homes',
    );
  });
});
