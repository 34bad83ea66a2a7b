import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Consortium, ConsortiumChange, ConsortiumPage, InvitationPage, SocialValueStatement } from '@lepa/shared';
import { startTestApp, type TestApp } from '../support/app.ts';
import { call, expectError, UNKNOWN_ID } from '../support/http.ts';
import { assertShape } from '../support/shape.ts';
import { buildMarket, createFirm, createLot, formConsortium, loftFirm, type Market } from '../fixtures/consortia.ts';

describe('consortia: forming, invitations, bids and award', () => {
  let t: TestApp;
  let m: Market;
  beforeAll(async () => {
    t = await startTestApp();
    m = await buildMarket(t.app);
  });
  afterAll(() => t.close());

  it('forms a consortium from a member list with the server-computed cheapest split', async () => {
    const reply = await call(t.app, 'POST', `/api/lots/${m.lotId}/consortia`, {
      as: m.lead,
      payload: { members: [m.memberFirm] },
    });
    expect(reply.status, reply.text).toBe(201);
    assertShape(Consortium, reply.body);
    const c = reply.body;
    expect(c.status).toBe('forming');
    expect(c.lead).toBe(m.leadFirm);
    expect(c.members.map((x: { smeId: string }) => x.smeId)).toEqual([m.leadFirm, m.memberFirm]);
    expect(c.members[0].invitation).toBe('accepted');
    expect(c.members[1].invitation).toBe('pending');
    expect(c.members[1].assignments).toEqual([expect.objectContaining({ skill: 'loft-insulation', quantity: 20 })]);
    // 20 × 400 × (1 − 0.1) + 20 × 550 × 0.9 + travel + 2 × 5000
    expect(c.cost).toBeGreaterThan(7200 + 9900 + 10_000);
    expect(c.breakdown.coordination).toBe(10_000);
  });

  it('forms a consortium from a live proposal rank', async () => {
    const reply = await call(t.app, 'POST', `/api/lots/${m.lotId}/consortia`, {
      as: m.lead,
      payload: { fromProposal: 1 },
    });
    expect(reply.status, reply.text).toBe(201);
    const proposals = await call(t.app, 'GET', `/api/lots/${m.lotId}/proposals`, { as: m.lead });
    expect(reply.body.cost).toBe(proposals.body.proposals[0].cost);
    const ranked = await call(t.app, 'POST', `/api/lots/${m.lotId}/consortia`, {
      as: m.lead,
      payload: { fromProposal: 20 },
    });
    expectError(ranked, 400, 'invalid_input', 'fromProposal');
  });

  it('rejects a member set that cannot cover the lot, naming the short skill, and idle members', async () => {
    const short = await call(t.app, 'POST', `/api/lots/${m.lotId}/consortia`, {
      as: m.lead,
      payload: { members: [m.leadFirm] },
    });
    expectError(short, 400, 'invalid_input', 'members');
    expect(short.body.error.message).toContain('cannot cover loft insulation');
    const idle = await call(t.app, 'POST', `/api/lots/${m.lotId}/consortia`, {
      as: m.lead,
      payload: { members: [m.memberFirm, m.otherFirm] },
    });
    expectError(idle, 400, 'invalid_input', 'members');
    expect(idle.body.error.message).toContain('Handsworth Lofts');
    const both = await call(t.app, 'POST', `/api/lots/${m.lotId}/consortia`, {
      as: m.lead,
      payload: { members: [m.memberFirm], fromProposal: 1 },
    });
    expectError(both, 400, 'invalid_input', 'fromProposal');
    const unknown = await call(t.app, 'POST', `/api/lots/${m.lotId}/consortia`, {
      as: m.lead,
      payload: { members: [UNKNOWN_ID] },
    });
    expectError(unknown, 400, 'invalid_input', 'members');
    const noLot = await call(t.app, 'POST', `/api/lots/${UNKNOWN_ID}/consortia`, {
      as: m.lead,
      payload: { members: [m.memberFirm] },
    });
    expectError(noLot, 404, 'not_found');
  });

  it('swaps a member: new split, cost change, re-invitation; kept members with unchanged work keep their answer', async () => {
    const id = await formConsortium(t.app, m, { accepted: true });
    const swapped = await call(t.app, 'PUT', `/api/consortia/${id}/members`, {
      as: m.lead,
      payload: { members: [m.otherFirm] },
    });
    expect(swapped.status, swapped.text).toBe(200);
    assertShape(ConsortiumChange, swapped.body);
    expect(swapped.body.members.map((x: { smeId: string }) => x.smeId)).toEqual([m.leadFirm, m.otherFirm]);
    expect(swapped.body.members[1].invitation).toBe('pending');
    // Handsworth charges 150 more per unit for 20 units, travel aside.
    expect(swapped.body.costChange).toBeCloseTo(swapped.body.cost - swapped.body.previousCost, 2);
    expect(swapped.body.costChange).toBeGreaterThan(20 * 150 * 0.85);

    const back = await call(t.app, 'PUT', `/api/consortia/${id}/members`, {
      as: m.lead,
      payload: { members: [m.memberFirm] },
    });
    expect(back.body.members[1].invitation).toBe('pending');
    await call(t.app, 'POST', `/api/consortia/${id}/invitations/accept`, { as: m.member });
    const same = await call(t.app, 'PUT', `/api/consortia/${id}/members`, {
      as: m.lead,
      payload: { members: [m.memberFirm] },
    });
    expect(same.body.members[1].invitation).toBe('accepted');
    expect(same.body.costChange).toBe(0);
  });

  it('lists my consortia by role and my invitations', async () => {
    const asLead = await call(t.app, 'GET', '/api/consortia?role=lead&limit=2', { as: m.lead });
    assertShape(ConsortiumPage, asLead.body);
    expect(asLead.body.items).toHaveLength(2);
    expect(asLead.body.nextCursor).not.toBeNull();
    const next = await call(t.app, 'GET', `/api/consortia?role=lead&limit=2&cursor=${asLead.body.nextCursor}`, {
      as: m.lead,
    });
    expect(next.body.items[0].id > asLead.body.items[1].id).toBe(true);
    expect((await call(t.app, 'GET', '/api/consortia?role=member', { as: m.lead })).body.items).toHaveLength(0);
    const asMember = await call(t.app, 'GET', '/api/consortia?role=member', { as: m.member });
    expect(asMember.body.items.length).toBeGreaterThan(0);
    expect((await call(t.app, 'GET', '/api/consortia', { as: m.otherSme })).body.items.length).toBeGreaterThanOrEqual(
      0,
    );

    const inbox = await call(t.app, 'GET', '/api/invitations?state=pending', { as: m.member });
    expect(inbox.status, inbox.text).toBe(200);
    assertShape(InvitationPage, inbox.body);
    expect(
      inbox.body.items.every(
        (i: { smeId: string; invitation: string }) => i.smeId === m.memberFirm && i.invitation === 'pending',
      ),
    ).toBe(true);
    expect((await call(t.app, 'GET', '/api/invitations', { as: m.lead })).body.items).toHaveLength(0);
    expectError(
      await call(t.app, 'GET', '/api/invitations?cursor=bogus', { as: m.member }),
      400,
      'invalid_input',
      'cursor',
    );
  });

  it('lets only the invited firm’s owner answer, and asks which firm when the account owns several', async () => {
    const id = await formConsortium(t.app, m);
    expectError(await call(t.app, 'POST', `/api/consortia/${id}/invitations/accept`, { as: m.lead }), 403, 'forbidden');
    expectError(
      await call(t.app, 'POST', `/api/consortia/${id}/invitations/decline`, { as: m.otherSme }),
      403,
      'forbidden',
    );
    const declined = await call(t.app, 'POST', `/api/consortia/${id}/invitations/decline`, { as: m.member });
    expect(declined.status, declined.text).toBe(200);
    expect(declined.body.members[1].invitation).toBe('declined');
    expectError(await call(t.app, 'POST', `/api/consortia/${id}/submit`, { as: m.lead }), 409, 'conflict');
    const accepted = await call(t.app, 'POST', `/api/consortia/${id}/invitations/accept`, {
      as: m.member,
      payload: { smeId: m.memberFirm },
    });
    expect(accepted.body.members[1].invitation).toBe('accepted');
    expectError(
      await call(t.app, 'POST', `/api/consortia/${id}/invitations/accept`, {
        as: m.member,
        payload: { smeId: m.otherFirm },
      }),
      403,
      'forbidden',
    );
  });

  it('asks for smeId when one account owns several invited firms', async () => {
    const second = await createFirm(
      t.app,
      m.member,
      loftFirm({
        name: 'Second Loft Co',
        capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 10, unitPrice: 500 }],
      }),
    );
    const created = await call(t.app, 'POST', `/api/lots/${m.lotId}/consortia`, {
      as: m.lead,
      payload: { members: [m.memberFirm, second] },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id;
    expectError(
      await call(t.app, 'POST', `/api/consortia/${id}/invitations/accept`, { as: m.member }),
      400,
      'invalid_input',
      'smeId',
    );
    const one = await call(t.app, 'POST', `/api/consortia/${id}/invitations/accept`, {
      as: m.member,
      payload: { smeId: second },
    });
    expect(one.body.members.find((x: { smeId: string }) => x.smeId === second).invitation).toBe('accepted');
    await call(t.app, 'DELETE', `/api/smes/${second}`, { as: m.member });
  });

  it('submits, books capacity, and a withdrawn or awarded consortium cannot be edited', async () => {
    const withdrawnId = await formConsortium(t.app, m, { accepted: true });
    const submitted = await call(t.app, 'POST', `/api/consortia/${withdrawnId}/submit`, { as: m.lead });
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.submittedAt).not.toBeNull();
    expectError(await call(t.app, 'POST', `/api/consortia/${withdrawnId}/submit`, { as: m.lead }), 409, 'conflict');
    expectError(
      await call(t.app, 'PUT', `/api/consortia/${withdrawnId}/members`, {
        as: m.lead,
        payload: { members: [m.otherFirm] },
      }),
      409,
      'conflict',
    );
    const withdrawn = await call(t.app, 'POST', `/api/consortia/${withdrawnId}/withdraw`, { as: m.lead });
    expect(withdrawn.body.status).toBe('withdrawn');
    for (const [method, path, payload] of [
      ['PUT', 'members', { members: [m.memberFirm] }],
      ['POST', 'submit', undefined],
      ['POST', 'withdraw', undefined],
    ] as const) {
      expectError(
        await call(t.app, method, `/api/consortia/${withdrawnId}/${path}`, { as: m.lead, payload }),
        409,
        'conflict',
      );
    }
    expectError(
      await call(t.app, 'POST', `/api/consortia/${withdrawnId}/invitations/accept`, { as: m.member }),
      409,
      'conflict',
    );

    const winner = await formConsortium(t.app, m, { accepted: true });
    const loser = await formConsortium(t.app, m, { accepted: true });
    expect((await call(t.app, 'POST', `/api/consortia/${winner}/submit`, { as: m.lead })).status).toBe(200);
    // The member firm has 30 units a month; 20 are booked now, so a second bid needing 20 more cannot be submitted.
    const full = await call(t.app, 'POST', `/api/consortia/${loser}/submit`, { as: m.lead });
    expectError(full, 409, 'conflict');
    expect(full.body.error.message).toContain('Kingstanding Loft Insulation');
    expect(full.body.error.message).toContain('Loft insulation');

    const rival = await call(t.app, 'POST', `/api/lots/${m.lotId}/consortia`, {
      as: m.lead,
      payload: { members: [m.otherFirm] },
    });
    await call(t.app, 'POST', `/api/consortia/${rival.body.id}/invitations/accept`, { as: m.otherSme });
    expect((await call(t.app, 'POST', `/api/consortia/${rival.body.id}/submit`, { as: m.lead })).status).toBe(200);

    const bids = await call(t.app, 'GET', `/api/lots/${m.lotId}/bids`, { as: m.provider });
    expect(bids.status, bids.text).toBe(200);
    expect(bids.body.items.map((b: { id: string }) => b.id)).toEqual([winner, rival.body.id]);
    expect(bids.body.items[0].cost).toBeLessThan(bids.body.items[1].cost);

    const awarded = await call(t.app, 'POST', `/api/lots/${m.lotId}/award`, {
      as: m.provider,
      payload: { consortiumId: winner },
    });
    expect(awarded.status, awarded.text).toBe(200);
    expect(awarded.body.status).toBe('awarded');
    expect((await call(t.app, 'GET', `/api/lots/${m.lotId}`, { as: m.provider })).body.status).toBe('awarded');
    expect((await call(t.app, 'GET', `/api/consortia/${rival.body.id}`, { as: m.lead })).body.status).toBe('lost');
    expectError(
      await call(t.app, 'POST', `/api/lots/${m.lotId}/award`, { as: m.provider, payload: { consortiumId: winner } }),
      409,
      'conflict',
    );
    for (const [method, path, payload] of [
      ['PUT', 'members', { members: [m.memberFirm] }],
      ['POST', 'submit', undefined],
      ['POST', 'withdraw', undefined],
    ] as const) {
      expectError(
        await call(t.app, method, `/api/consortia/${winner}/${path}`, { as: m.lead, payload }),
        409,
        'conflict',
      );
      expectError(
        await call(t.app, method, `/api/consortia/${rival.body.id}/${path}`, { as: m.lead, payload }),
        409,
        'conflict',
      );
    }
  });

  it('serves the social value statement as JSON and as a printable page', async () => {
    const lotId = await createLot(t.app, m.provider, {
      title: 'Statement lot',
      startDate: '2028-03-01',
      endDate: '2028-03-31',
    });
    const id = await formConsortium(t.app, m, { lotId });
    const json = await call(t.app, 'GET', `/api/consortia/${id}/social-value`, { as: m.member });
    expect(json.status, json.text).toBe(200);
    assertShape(SocialValueStatement, json.body);
    expect(json.body.members).toHaveLength(2);
    expect(json.body.figures.contractValue).toBe(20 * 400 + 20 * 550);
    expect(json.body.method.join(' ')).toContain('no extra forms');
    const page = await call(t.app, 'GET', `/api/consortia/${id}/social-value.html`, { as: m.provider });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-type'])).toContain('text/html');
    expect(page.text).toContain('@media print');
    expect(page.text).toContain('Kingstanding Loft Insulation');
    expect(page.text).toContain('no extra forms');
    // Labelled and explained in the screens' words; a date as people write it.
    expect(page.text).toContain('Local share');
    expect(page.text).toContain('Share of the contract value paid to members based within 25 km of the lot.');
    expect(page.text).not.toMatch(/as of \d{4}-\d{2}-\d{2}/);
  });

  it('refuses a submit whose member’s certificate lapsed, naming the scheme and the lot’s end in words', async () => {
    const fresh = await buildMarket(t.app);
    const id = await formConsortium(t.app, fresh, { accepted: true });
    const lapsed = await call(t.app, 'PUT', `/api/smes/${fresh.memberFirm}`, {
      as: fresh.member,
      payload: loftFirm({ certifications: [{ scheme: 'pas-2030', expires: '2027-03-15' }] }),
    });
    expect(lapsed.status, lapsed.text).toBe(200);
    const refused = await call(t.app, 'POST', `/api/consortia/${id}/submit`, { as: fresh.lead });
    expectError(refused, 409, 'conflict');
    expect(refused.text).toContain('no longer holds PAS 2030 valid to 31 Mar 2027');
  });
});
