import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OpportunityPage,
  withHintApplied,
  type Opportunity,
  type OpportunityHint,
  type Sme,
  type SmeInput,
} from '@lepa/shared';
import { startTestApp, type TestApp } from '../support/app.ts';
import { call, expectError, UNKNOWN_ID } from '../support/http.ts';
import { register, type Account } from '../support/fixtures.ts';
import { assertShape } from '../support/shape.ts';
import { buildMarket, createFirm, createLot, formConsortium, loftFirm, type Market } from '../fixtures/consortia.ts';

/** What a firm would PUT to save its profile as it is now. */
function inputOf(sme: Sme): SmeInput {
  return {
    name: sme.name,
    ...(sme.postcode ? { postcode: sme.postcode } : {}),
    ...(sme.locationSource === 'exact' ? { location: sme.location } : {}),
    serviceRadiusKm: sme.serviceRadiusKm,
    employees: sme.employees,
    ownership: sme.ownership,
    capabilities: sme.capabilities,
    certifications: sme.certifications.map((c) => ({
      scheme: c.scheme,
      expires: c.expires,
      ...(c.reference ? { reference: c.reference } : {}),
    })),
    socialValue: sme.socialValue,
  };
}

describe('lots near me: GET /api/smes/:id/opportunities', () => {
  let t: TestApp;
  let m: Market;
  let secondLot: string;
  beforeAll(async () => {
    t = await startTestApp();
    m = await buildMarket(t.app);
    // The member's loft capacity for March is booked by a submitted bid on the first lot.
    const consortium = await formConsortium(t.app, m, { accepted: true });
    const submitted = await call(t.app, 'POST', `/api/consortia/${consortium}/submit`, { as: m.lead, payload: {} });
    expect(submitted.status, submitted.text).toBe(200);
    secondLot = await createLot(t.app, m.provider, { title: 'Erdington second loft lot' });
  });
  afterAll(() => t.close());

  async function opportunities(as: Account, smeId: string): Promise<Opportunity[]> {
    const reply = await call(t.app, 'GET', `/api/smes/${smeId}/opportunities`, { as });
    expect(reply.status, reply.text).toBe(200);
    assertShape(OpportunityPage, reply.body);
    return reply.body.items;
  }
  const onLot = (items: Opportunity[], lotId: string) => items.find((item) => item.lot.id === lotId);

  async function follow(as: Account, smeId: string, hint: OpportunityHint): Promise<Sme> {
    const current = (await call(t.app, 'GET', `/api/smes/${smeId}`, { as })).body as Sme;
    const reply = await call(t.app, 'PUT', `/api/smes/${smeId}`, {
      as,
      payload: inputOf(withHintApplied(current, hint)),
    });
    expect(reply.status, reply.text).toBe(200);
    return reply.body;
  }

  it('lists the lots the lead is proposed for with its best rank, nearest first', async () => {
    const items = await opportunities(m.lead, m.leadFirm);
    const second = onLot(items, secondLot);
    expect(second).toMatchObject({ status: 'proposed', bestRank: 1, skills: ['retrofit-coordinator'] });
    const distances = items.map((item) => item.distanceKm);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('renew certificate: an expired certificate gives a near miss, and renewing it makes the firm eligible', async () => {
    const firm = await createFirm(
      t.app,
      m.otherSme,
      loftFirm({ name: 'Expired Lofts', certifications: [{ scheme: 'pas-2030', expires: '2025-10-02' }] }),
    );
    const before = onLot(await opportunities(m.otherSme, firm), secondLot)!;
    expect(before.status).toBe('near-miss');
    const [hint] = before.hints;
    expect(hint).toMatchObject({ kind: 'certification', skill: 'loft-insulation', effect: 'eligible' });
    expect(hint!.message).toBe('renew PAS 2030 (expired 2 Oct 2025) → you would be eligible for loft insulation');
    await follow(m.otherSme, firm, hint!);
    expect(['eligible', 'proposed']).toContain(onLot(await opportunities(m.otherSme, firm), secondLot)!.status);
  });

  it('radius: a lot just beyond reach gives a radius hint that makes the firm eligible', async () => {
    const firm = await createFirm(
      t.app,
      m.otherSme,
      loftFirm({ name: 'Solihull Lofts', location: { lat: 52.413, lon: -1.778 }, serviceRadiusKm: 10 }),
    );
    const before = onLot(await opportunities(m.otherSme, firm), secondLot)!;
    expect(before.status).toBe('near-miss');
    const hint = before.hints.find((h) => h.kind === 'radius')!;
    expect(hint.change.serviceRadiusKm).toBe(Math.ceil(before.distanceKm));
    expect(hint.message).toMatch(/^extend your radius to \d+ km/);
    await follow(m.otherSme, firm, hint);
    expect(['eligible', 'proposed']).toContain(onLot(await opportunities(m.otherSme, firm), secondLot)!.status);
  });

  it('capacity: a firm booked to the full gives a capacity hint that makes it eligible again', async () => {
    const member = (await call(t.app, 'GET', `/api/smes/${m.memberFirm}`, { as: m.member })).body as Sme;
    // Its 20 booked units are now all it can do in March.
    const full = {
      ...inputOf(member),
      capabilities: [{ skill: 'loft-insulation' as const, capacityPerMonth: 20, unitPrice: 550 }],
    };
    expect((await call(t.app, 'PUT', `/api/smes/${m.memberFirm}`, { as: m.member, payload: full })).status).toBe(200);
    const before = onLot(await opportunities(m.member, m.memberFirm), secondLot)!;
    expect(before.status).toBe('near-miss');
    const hint = before.hints.find((h) => h.kind === 'capacity')!;
    expect(hint.change.capacityPerMonth).toBe(21);
    expect(hint.message).toContain('capacity for loft insulation 21/month (now 20');
    await follow(m.member, m.memberFirm, hint);
    expect(['eligible', 'proposed']).toContain(onLot(await opportunities(m.member, m.memberFirm), secondLot)!.status);
  });

  it('unit price: an eligible firm left out learns the price that puts it in proposal N, and it does', async () => {
    const firm = await createFirm(
      t.app,
      m.otherSme,
      loftFirm({
        name: 'Pricey Lofts',
        capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 30, unitPrice: 5000 }],
      }),
    );
    const before = onLot(await opportunities(m.otherSme, firm), secondLot)!;
    expect(before.status).toBe('eligible');
    const hint = before.hints.find((h) => h.kind === 'unit-price')!;
    expect(hint.effect).toBe('proposal');
    expect(hint.message).toMatch(
      /^a unit price for loft insulation of £[\d,]+\.\d\d or less would put you in proposal \d$/,
    );
    await follow(m.otherSme, firm, hint);
    // Answers are computed after the write (by the matching service), so the board is polled until it has caught up.
    const membersOfHinted = async () => {
      const board = await call(t.app, 'GET', `/api/lots/${secondLot}/proposals`, { as: m.otherSme });
      const proposal = board.body.proposals?.find((p: { rank: number }) => p.rank === hint.rank);
      return (proposal?.members ?? []).map((member: { smeId: string }) => member.smeId);
    };
    await expect.poll(membersOfHinted, { timeout: 15_000 }).toContain(firm);
    await expect.poll(async () => onLot(await opportunities(m.otherSme, firm), secondLot)?.status).toBe('proposed');
  });

  it('is for the firm owner only', async () => {
    expectError(await call(t.app, 'GET', `/api/smes/${m.leadFirm}/opportunities`, { as: m.member }), 403, 'forbidden');
    expectError(
      await call(t.app, 'GET', `/api/smes/${m.leadFirm}/opportunities`, { as: m.provider }),
      403,
      'forbidden',
    );
    expectError(await call(t.app, 'GET', `/api/smes/${m.leadFirm}/opportunities`), 401, 'unauthorized');
    expectError(await call(t.app, 'GET', `/api/smes/${UNKNOWN_ID}/opportunities`, { as: m.lead }), 404, 'not_found');
    const stranger = await register(t.app, 'sme');
    expectError(
      await call(t.app, 'GET', `/api/smes/${m.memberFirm}/opportunities`, { as: stranger }),
      403,
      'forbidden',
    );
  });
});
