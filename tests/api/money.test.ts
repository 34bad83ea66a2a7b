/**
 * Money in exact units: pound inputs with more than two decimals are refused
 * naming the field, pennies round-trip exactly, and every total the API
 * answers equals the sum of its parts to the penny (proposal breakdowns,
 * consortium and bid costs, the social value statement).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWholePennies, type Consortium, type Proposal, type SocialValueStatement } from '@lepa/shared';
import { startTestApp, type TestApp } from '../support/app.ts';
import { lotInput, register, smeInput, type Account } from '../support/fixtures.ts';
import { call, expectError } from '../support/http.ts';
import { coordinatorFirm, createFirm, createLot, loftFirm } from '../fixtures/consortia.ts';
import { firmRow, firmsCsv } from '../fixtures/firms-csv.ts';

const pennies = (pounds: number) => {
  expect(isWholePennies(pounds), `${pounds} is whole pennies`).toBe(true);
  return Math.round(pounds * 100);
};
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** cost = work − socialValueDiscount + travel + coordination, and contract value = Σ members', all in whole pennies. */
function expectPartsAddUp(figures: Pick<Proposal, 'cost' | 'breakdown' | 'socialValue' | 'members'>) {
  const { work, socialValueDiscount, travel, coordination } = figures.breakdown;
  expect(pennies(figures.cost)).toBe(
    pennies(work) - pennies(socialValueDiscount) + pennies(travel) + pennies(coordination),
  );
  // What the members quoted and are paid, assignment by assignment, is the work and the contract value.
  const assignments = figures.members.flatMap((member) => member.assignments);
  const quoted = sum(assignments.map((a) => pennies(a.unitPrice!) * a.quantity));
  expect(quoted).toBe(pennies(work));
  expect(quoted).toBe(pennies(figures.socialValue.contractValue));
  // Each assignment's adjustments are whole pennies, within a penny each of the breakdown's totals.
  const discount = sum(assignments.map((a) => pennies(a.socialValueDiscount!)));
  expect(Math.abs(discount - pennies(socialValueDiscount))).toBeLessThanOrEqual(assignments.length);
  for (const a of assignments) pennies(a.travel!);
}

describe('money in exact units', () => {
  let t: TestApp;
  let sme: Account;
  let provider: Account;
  beforeAll(async () => {
    t = await startTestApp();
    [sme, provider] = await Promise.all([register(t.app, 'sme'), register(t.app, 'provider')]);
  });
  afterAll(() => t.close());

  it('refuses prices with more than two decimals, naming the field, and keeps whole pennies exactly', async () => {
    const awkward = smeInput({
      capabilities: [
        { skill: 'retrofit-coordinator', capacityPerMonth: 20, unitPrice: 19.99 },
        { skill: 'loft-insulation', capacityPerMonth: 30, unitPrice: 19.999 },
      ],
    });
    expectError(
      await call(t.app, 'POST', '/api/smes', { as: sme, payload: awkward }),
      400,
      'invalid_input',
      'capabilities.1.unitPrice',
    );
    const tooFine = {
      ...awkward,
      capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 30, unitPrice: 0.1 + 0.2 }],
    };
    expectError(
      await call(t.app, 'POST', '/api/smes', { as: sme, payload: tooFine }),
      400,
      'invalid_input',
      'capabilities.0.unitPrice',
    );

    const exact = smeInput({
      capabilities: [
        { skill: 'retrofit-coordinator', capacityPerMonth: 20, unitPrice: 19.99 },
        { skill: 'loft-insulation', capacityPerMonth: 30, unitPrice: 19_999.99 },
      ],
    });
    const created = await call(t.app, 'POST', '/api/smes', { as: sme, payload: exact });
    expect(created.status, created.text).toBe(201);
    const read = await call(t.app, 'GET', `/api/smes/${created.body.id}`, { as: sme });
    for (const body of [created.body, read.body]) {
      expect(Object.fromEntries(body.capabilities.map((c: any) => [c.skill, c.unitPrice]))).toEqual({
        'retrofit-coordinator': 19.99,
        'loft-insulation': 19_999.99,
      });
    }
    const put = await call(t.app, 'PUT', `/api/smes/${created.body.id}`, {
      as: sme,
      payload: { ...exact, capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 30, unitPrice: 0.01 }] },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body.capabilities).toEqual([{ skill: 'loft-insulation', capacityPerMonth: 30, unitPrice: 0.01 }]);
    expectError(
      await call(t.app, 'PUT', `/api/smes/${created.body.id}`, {
        as: sme,
        payload: { ...exact, capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 30, unitPrice: 0.005 }] },
      }),
      400,
      'invalid_input',
      'capabilities.0.unitPrice',
    );
    const csv = await call(t.app, 'POST', '/api/smes/import', {
      as: sme,
      headers: { 'content-type': 'text/csv' },
      payload: firmsCsv(2, { 1: firmRow(1).replace(/loft-insulation:(\d+):\d+/, 'loft-insulation:$1:12.345') }),
    });
    expectError(csv, 400, 'invalid_input', 'capabilities');
    expect(csv.body.error.message).toContain('line 3 capabilities: must be in pounds with at most two decimals');
  });

  it('refuses lot money with more than two decimals, naming the field', async () => {
    expectError(
      await call(t.app, 'POST', '/api/lots', { as: provider, payload: lotInput({ travelCostPerUnitKm: 0.125 }) }),
      400,
      'invalid_input',
      'travelCostPerUnitKm',
    );
    expectError(
      await call(t.app, 'POST', '/api/lots', {
        as: provider,
        payload: lotInput({ coordinationCostPerMember: 2500.001 }),
      }),
      400,
      'invalid_input',
      'coordinationCostPerMember',
    );
    const lot = await call(t.app, 'POST', '/api/lots', {
      as: provider,
      payload: lotInput({ travelCostPerUnitKm: 0.37, coordinationCostPerMember: 1234.57 }),
    });
    expect(lot.status, lot.text).toBe(201);
    expect([lot.body.travelCostPerUnitKm, lot.body.coordinationCostPerMember]).toEqual([0.37, 1234.57]);
  });

  it('answers totals that equal the sums of their parts to the penny', async () => {
    const [lead, member] = await Promise.all([register(t.app, 'sme'), register(t.app, 'sme')]);
    // Prices, distances and social value scores that leave fractions of pennies everywhere.
    const leadFirm = await createFirm(
      t.app,
      lead,
      coordinatorFirm({ capabilities: [{ skill: 'retrofit-coordinator', capacityPerMonth: 1000, unitPrice: 333.33 }] }),
    );
    const memberFirm = await createFirm(
      t.app,
      member,
      loftFirm({
        capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 30, unitPrice: 19.99 }],
        socialValue: { realLivingWage: true, apprentices: 0, localEmployeesPct: 40, charterSignatory: false },
      }),
    );
    await createFirm(
      t.app,
      member,
      loftFirm({
        name: 'Witton Lofts',
        location: { lat: 52.5129, lon: -1.8713 },
        capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 30, unitPrice: 21.01 }],
        socialValue: { realLivingWage: false, apprentices: 2, localEmployeesPct: 10, charterSignatory: true },
      }),
    );
    const lotId = await createLot(t.app, provider, {
      travelCostPerUnitKm: 0.37,
      coordinationCostPerMember: 1234.57,
      socialValueWeight: 0.7,
    });

    const answer = await call(t.app, 'GET', `/api/lots/${lotId}/proposals?limit=5`, { as: provider });
    expect(answer.status, answer.text).toBe(200);
    const proposals = answer.body.proposals as Proposal[];
    expect(proposals.length).toBeGreaterThanOrEqual(2);
    for (const proposal of proposals) {
      expectPartsAddUp(proposal);
      for (const m of proposal.members) for (const a of m.assignments) pennies(a.unitCost);
    }

    const created = await call(t.app, 'POST', `/api/lots/${lotId}/consortia`, {
      as: lead,
      payload: { members: [leadFirm, memberFirm] },
    });
    expect(created.status, created.text).toBe(201);
    const consortium = created.body as Consortium;
    const proposal = proposals.find(
      (p) => [...p.members.map((m) => m.smeId)].sort().join() === [leadFirm, memberFirm].sort().join(),
    )!;
    expect(consortium.cost).toBe(proposal.cost);
    expect(consortium.breakdown).toEqual(proposal.breakdown);
    expectPartsAddUp(consortium);

    const accepted = await call(t.app, 'POST', `/api/consortia/${consortium.id}/invitations/accept`, {
      as: member,
      payload: {},
    });
    expect(accepted.status, accepted.text).toBe(200);
    const submitted = await call(t.app, 'POST', `/api/consortia/${consortium.id}/submit`, { as: lead, payload: {} });
    expect(submitted.status, submitted.text).toBe(200);
    const bids = await call(t.app, 'GET', `/api/lots/${lotId}/bids`, { as: provider });
    expect(bids.status, bids.text).toBe(200);
    expect(bids.body.items.map((b: Consortium) => b.cost)).toEqual([consortium.cost]);
    expectPartsAddUp(bids.body.items[0]);

    const statement = await call(t.app, 'GET', `/api/consortia/${consortium.id}/social-value`, { as: provider });
    expect(statement.status, statement.text).toBe(200);
    const body = statement.body as SocialValueStatement;
    expect(body.cost).toBe(consortium.cost);
    expect(pennies(body.figures.contractValue)).toBe(sum(body.members.map((m) => pennies(m.contractValue))));
    expect(body.members.find((m) => m.smeId === memberFirm)!.contractValue).toBe(
      (1999 * proposal.members.find((m) => m.smeId === memberFirm)!.assignments[0]!.quantity) / 100,
    );
    const page = await call(t.app, 'GET', `/api/consortia/${consortium.id}/social-value.html`, { as: provider });
    expect(page.text).toContain(
      new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(consortium.cost),
    );
  });
});
