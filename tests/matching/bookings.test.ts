import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { ProposalsAnswer } from '@lepa/shared';
import { startTestApp, type TestApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { expectExactProposals } from '../support/exact-proposals.ts';
import { register, smeInput } from '../support/fixtures.ts';
import { buildMarket, createFirm, createLot, formConsortium, loftFirm, type Market } from '../fixtures/consortia.ts';
import { matchingSettled } from '../support/matching.ts';

/**
 * A bid's booking changes its firms' free units in every lot whose window
 * overlaps. Matching workers hold each firm's bookings with its profile, so
 * a booking is a firm change like a profile edit, worked out from the stored
 * answer (no full solve), and every answer stays what a from-scratch solve of
 * the stored market gives.
 */
/** Worked out from the stored answer and the firm changes since it, not by a full solve ('full' or 'warm'). */
const INCREMENTAL = /^(skipped-proven|skipped-heuristic|merge)$/;

describe('matching after bookings', () => {
  let t: TestApp;
  let market: Market;
  /** Same place and window as the consortium's lot; five cheaper loft firms keep the booked firm out of its proposals. */
  let neighbourLot: string;
  /** Out of the cheaper firms' reach: the booked firm is shown there. */
  let farLot: string;

  beforeAll(async () => {
    t = await startTestApp();
    market = await buildMarket(t.app);
    const cheapOwner = await register(t.app, 'sme', 'Cheap lofts');
    for (let index = 0; index < 5; index++)
      await createFirm(
        t.app,
        cheapOwner,
        smeInput({
          name: `Erdington Lofts ${index + 1}`,
          postcode: undefined,
          location: { lat: 52.5236 + index * 0.001, lon: -1.8397 },
          serviceRadiusKm: 2,
          capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 30, unitPrice: 300 + index }],
        }),
      );
    neighbourLot = await createLot(t.app, market.provider, { title: 'Neighbouring lot', postcode: undefined });
    farLot = await createLot(t.app, market.provider, {
      title: 'Sutton lot',
      postcode: undefined,
      location: { lat: 52.5646, lon: -1.8249 },
    });
  });
  afterAll(() => t.close());

  /** How the lot's current answer was stored (null while it is not current). */
  async function storedMethod(lotId: string): Promise<string | null> {
    const result = await t.app.database.db.execute(
      sql`select a.method from lot_answers a join lots l on l.id = a.lot_id
          where a.lot_id = ${lotId}::uuid and a.revision = l.revision`,
    );
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { method: string }[];
    return rows[0]?.method ?? null;
  }

  const expectExact = async (lotId: string) => (await expectExactProposals(t.app, market.provider, lotId)).answer;

  const shows = (answer: ProposalsAnswer, firmId: string) =>
    answer.proposals.some((proposal) => proposal.members.some((member) => member.smeId === firmId));

  it('updates answers after a booking and its withdrawal from the stored ones, exactly', async () => {
    await matchingSettled(t.app);
    expect(shows(await expectExact(neighbourLot), market.memberFirm)).toBe(false);
    expect(shows(await expectExact(farLot), market.memberFirm)).toBe(true);

    const consortiumId = await formConsortium(t.app, market, { accepted: true });
    const submitted = await call(t.app, 'POST', `/api/consortia/${consortiumId}/submit`, { as: market.lead });
    expect(submitted.status, submitted.text).toBe(200);
    await matchingSettled(t.app);
    // The booking took 20 of the loft firm's 30 units this month: it worsened (a shown member at the far lot).
    // The lead's coordinator, shown everywhere, booked 20 of its 1,000: an update from the stored answer.
    expect(await storedMethod(neighbourLot)).toMatch(INCREMENTAL);
    expect(shows(await expectExact(neighbourLot), market.memberFirm)).toBe(false);
    await expectExact(farLot);
    await expectExact(market.lotId);

    const withdrawn = await call(t.app, 'POST', `/api/consortia/${consortiumId}/withdraw`, { as: market.lead });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    await matchingSettled(t.app);
    // Its units are free again: it improved, and five cheaper firms keep it out of the neighbouring lot's proposals.
    expect(await storedMethod(neighbourLot)).toMatch(INCREMENTAL);
    expect(shows(await expectExact(neighbourLot), market.memberFirm)).toBe(false);
    expect(shows(await expectExact(farLot), market.memberFirm)).toBe(true);
    await expectExact(market.lotId);
  });

  it('tells a later change that a booking in another window left the lot as it was', async () => {
    const aprilLot = await createLot(t.app, market.provider, {
      title: 'A lot in April',
      postcode: undefined,
      startDate: '2027-04-01',
      endDate: '2027-04-30',
    });
    await matchingSettled(t.app);
    const consortiumId = await formConsortium(t.app, market, { accepted: true, lotId: aprilLot });
    const submitted = await call(t.app, 'POST', `/api/consortia/${consortiumId}/submit`, { as: market.lead });
    expect(submitted.status, submitted.text).toBe(200);
    await matchingSettled(t.app);
    await expectExact(aprilLot);

    // A firm shown in no proposal of the March lot gets dearer: the booking since its answer is no change there.
    const dearer = await call(t.app, 'PUT', `/api/smes/${market.otherFirm}`, {
      as: market.otherSme,
      payload: loftFirm({
        name: 'Handsworth Lofts',
        capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 30, unitPrice: 710 }],
      }),
    });
    expect(dearer.status, dearer.text).toBe(200);
    await matchingSettled(t.app);
    expect(await storedMethod(neighbourLot)).toMatch(INCREMENTAL);
    await expectExact(neighbourLot);
    await expectExact(farLot);
  });
});
