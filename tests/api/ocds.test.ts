import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKILL_CPV, SKILLS, skillForItem } from '@lepa/shared';
import { releasePackageIssues } from '../../server/src/ocds/validator.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { call, expectError, UNKNOWN_ID } from '../support/http.ts';
import { buildMarket, createLot, formConsortium, type Market } from '../fixtures/consortia.ts';

/** What makes two lots equivalent: everything but ids, owner, status and timestamps. */
function essence(lot: Record<string, unknown>) {
  const { id: _id, ownerId: _owner, status: _status, version: _version, createdAt: _c, updatedAt: _u, ...rest } = lot;
  return rest;
}

describe('OCDS export and import', () => {
  let t: TestApp;
  let m: Market;
  beforeAll(async () => {
    t = await startTestApp();
    m = await buildMarket(t.app);
  });
  afterAll(() => t.close());

  it('maps every skill to a CPV code and back without ambiguity', () => {
    for (const skill of SKILLS) {
      expect(skillForItem(SKILL_CPV[skill], undefined, skill)).toEqual({ skill });
      expect(skillForItem(`${SKILL_CPV[skill]}-3`, skill.replace(/-/g, ' '), undefined)).toEqual({ skill });
    }
    expect(skillForItem('45321000', 'Thermal insulation of homes', undefined)).toHaveProperty('problem');
    expect(skillForItem('45310000', undefined, undefined)).toEqual({ skill: 'electrical' });
  });

  it('exports an open lot as a release package that validates against the official schema', async () => {
    const lotId = await createLot(t.app, m.provider, {
      requirements: [
        { skill: 'retrofit-coordinator', quantity: 20 },
        { skill: 'loft-insulation', quantity: 20, certifications: ['trustmark'] },
        { skill: 'cavity-wall-insulation', quantity: 12 },
      ],
      maxDistanceKm: 40,
    });
    const reply = await call(t.app, 'GET', `/api/lots/${lotId}/ocds`, { as: m.otherSme });
    expect(reply.status, reply.text).toBe(200);
    expect(await releasePackageIssues(reply.body)).toEqual([]);
    const release = reply.body.releases[0];
    expect(release.tag).toEqual(['tender']);
    expect(release.tender.status).toBe('active');
    expect(release.tender.lots).toHaveLength(1);
    expect(release.tender.items.map((i: { classification: { id: string } }) => i.classification.id).sort()).toEqual([
      '45321000',
      '45321000',
      '71541000',
    ]);
    expectError(await call(t.app, 'GET', `/api/lots/${UNKNOWN_ID}/ocds`, { as: m.provider }), 404, 'not_found');
  });

  it('exports the award once a lot is awarded, still valid', async () => {
    const id = await formConsortium(t.app, m, { accepted: true });
    expect((await call(t.app, 'POST', `/api/consortia/${id}/submit`, { as: m.lead })).status).toBe(200);
    expect(
      (await call(t.app, 'POST', `/api/lots/${m.lotId}/award`, { as: m.provider, payload: { consortiumId: id } }))
        .status,
    ).toBe(200);
    const reply = await call(t.app, 'GET', `/api/lots/${m.lotId}/ocds`, { as: m.provider });
    expect(await releasePackageIssues(reply.body)).toEqual([]);
    const release = reply.body.releases[0];
    expect(release.tag).toEqual(['tender', 'award']);
    expect(release.tender.status).toBe('complete');
    expect(release.awards[0].suppliers.map((s: { id: string }) => s.id)).toEqual([m.leadFirm, m.memberFirm]);
    expect(release.awards[0].value).toEqual({ amount: 20 * 400 + 20 * 550, currency: 'GBP' });
  });

  it('round-trips: export then import gives an equivalent lot', async () => {
    const lotId = await createLot(t.app, m.provider, {
      title: 'Round trip lot',
      requirements: [
        { skill: 'retrofit-coordinator', quantity: 8 },
        { skill: 'external-wall-insulation', quantity: 8, certifications: ['trustmark'] },
        { skill: 'room-in-roof-insulation', quantity: 3 },
        { skill: 'air-source-heat-pump', quantity: 8 },
        { skill: 'ground-source-heat-pump', quantity: 2 },
      ],
      maxMembers: 4,
      maxDistanceKm: 25.5,
      socialValueWeight: 2,
      travelCostPerUnitKm: 1.5,
      coordinationCostPerMember: 3000,
    });
    const original = (await call(t.app, 'GET', `/api/lots/${lotId}`, { as: m.provider })).body;
    const exported = (await call(t.app, 'GET', `/api/lots/${lotId}/ocds`, { as: m.provider })).body;
    const imported = await call(t.app, 'POST', '/api/lots/import/ocds', { as: m.otherProvider, payload: exported });
    expect(imported.status, imported.text).toBe(201);
    expect(imported.body.items).toHaveLength(1);
    const lot = imported.body.items[0];
    expect(lot.ownerId).toBe(m.otherProvider.id);
    expect(lot.status).toBe('open');
    expect(essence(lot)).toEqual(essence(original));
  });

  it('lists the items it cannot map with their JSON paths, and imports nothing', async () => {
    const exported = (await call(t.app, 'GET', `/api/lots/${m.lotId}/ocds`, { as: m.provider })).body;
    const tender = exported.releases[0].tender;
    tender.items.push(
      {
        id: 'x1',
        description: 'Landscaping',
        classification: { scheme: 'CPV', id: '45112710' },
        quantity: 3,
        relatedLot: '1',
      },
      {
        id: 'x2',
        description: 'Thermal insulation',
        classification: { scheme: 'CPV', id: '45321000' },
        quantity: 3,
        relatedLot: '1',
      },
    );
    const before = (await call(t.app, 'GET', '/api/lots?mine=true', { as: m.otherProvider })).body.items.length;
    const reply = await call(t.app, 'POST', '/api/lots/import/ocds', { as: m.otherProvider, payload: exported });
    expectError(reply, 400, 'invalid_input', '/releases/0/tender/items/2');
    const paths = reply.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(['/releases/0/tender/items/2', '/releases/0/tender/items/3']);
    expect(reply.body.error.message).toContain('45112710');
    expect((await call(t.app, 'GET', '/api/lots?mine=true', { as: m.otherProvider })).body.items).toHaveLength(before);
  });

  it('imports several lots of one tender in one go, or none of them when one is bad', async () => {
    const exported = (await call(t.app, 'GET', `/api/lots/${m.lotId}/ocds`, { as: m.provider })).body;
    const tender = exported.releases[0].tender;
    tender.lots.push({
      ...tender.lots[0],
      id: '2',
      title: 'Second lot',
      contractPeriod: { startDate: '2027-06-01T00:00:00Z' },
    });
    tender.items.push({
      ...tender.items.find((i: { id: string }) => i.id === 'retrofit-coordinator'),
      id: 'second-coordinator',
      relatedLot: '2',
    });
    const before = (await call(t.app, 'GET', '/api/lots?mine=true', { as: m.otherProvider })).body.items.length;
    const bad = await call(t.app, 'POST', '/api/lots/import/ocds', { as: m.otherProvider, payload: exported });
    expectError(bad, 400, 'invalid_input', '/releases/0/tender/lots/1/contractPeriod/endDate');
    expect((await call(t.app, 'GET', '/api/lots?mine=true', { as: m.otherProvider })).body.items).toHaveLength(before);

    tender.lots[1].contractPeriod.endDate = '2027-07-01T00:00:00Z';
    const good = await call(t.app, 'POST', '/api/lots/import/ocds', { as: m.otherProvider, payload: exported });
    expect(good.status, good.text).toBe(201);
    expect(good.body.items.map((l: { title: string }) => l.title)).toEqual([tender.lots[0].title, 'Second lot']);
    expect(good.body.items[1].requirements).toEqual([
      { skill: 'retrofit-coordinator', quantity: 20, certifications: [] },
    ]);
  });

  it('answers a malformed document with a 400 that says where', async () => {
    const broken = await call(t.app, 'POST', '/api/lots/import/ocds', {
      as: m.provider,
      headers: { 'content-type': 'application/json' },
      payload: '{\n  "uri": "https://example.test/p",\n  "releases": [,]\n}',
    });
    expectError(broken, 400, 'invalid_input', 'body');
    expect(broken.body.error.message).toMatch(/line 3, column 16/);

    const invalid = await call(t.app, 'POST', '/api/lots/import/ocds', {
      as: m.provider,
      payload: {
        uri: 'https://example.test/p',
        version: '1.1',
        publishedDate: '2027-01-01T00:00:00Z',
        publisher: { name: 'x' },
        releases: [{ ocid: 'ocds-x-1', id: '1', date: 'yesterday', tag: ['tender'], initiationType: 'tender' }],
      },
    });
    expectError(invalid, 400, 'invalid_input', '/releases/0/date');
    expect(invalid.body.error.message).toContain('/releases/0/date');
  });
});
