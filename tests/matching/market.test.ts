import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineFirm, EngineLot } from '@lepa/engine';
import type { Broadcast } from '../../server/src/changes/change-event.ts';
import { createMarket, type Market } from '../../server/src/matching/market.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { register, smeInput, type Account } from '../support/fixtures.ts';
import { call } from '../support/http.ts';
import { buildMarket, formConsortium } from '../fixtures/consortia.ts';

/**
 * A matching process's copy of the firms, fed change broadcasts by hand (its own market, not the
 * app's): whatever order they arrive in, the firms it holds are exactly those of the number it
 * says it has applied through, since answers are stamped with that number.
 */
describe('market of firms', () => {
  let t: TestApp;
  let owner: Account;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await register(t.app, 'sme');
  });
  afterAll(() => t.close());

  async function createFirm(name: string, loftPrice: number): Promise<string> {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/smes',
      headers: owner.auth,
      payload: firmInput(name, loftPrice),
    });
    expect(created.statusCode, created.body).toBe(201);
    return (created.json() as { id: string }).id;
  }

  function firmInput(name: string, loftPrice: number) {
    return smeInput({
      name,
      capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 30, unitPrice: loftPrice }],
    });
  }

  /** Saves a new loft price and answers the change number the save took (nothing else takes one meanwhile). */
  async function reprice(market: Market, firmId: string, name: string, loftPrice: number): Promise<number> {
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/smes/${firmId}`,
      headers: owner.auth,
      payload: firmInput(name, loftPrice),
    });
    expect(saved.statusCode, saved.body).toBe(200);
    return market.lastIssuedSeq();
  }

  const firmChange = (firmId: string, seq: number): Broadcast => ({
    kind: 'lots',
    lotIds: [],
    smeIds: [firmId],
    change: 'sme',
    seq,
  });

  async function loftPrices(market: Market, firmIds: string[]): Promise<(number | undefined)[]> {
    const held = await market.firms(firmIds);
    return firmIds.map((id) => held.get(id)?.capabilities.find((c) => c.skill === 'loft-insulation')?.unitPrice);
  }

  const loftPriceOf = (firm: EngineFirm | null) =>
    firm?.capabilities.find((c) => c.skill === 'loft-insulation')?.unitPrice;

  it('holds a change that arrives before a lower number, and applies both in order once the lower one comes', async () => {
    const first = await createFirm('First Lofts', 500);
    const second = await createFirm('Second Lofts', 600);
    const market = createMarket({ db: t.app.database.db, gapTimeoutMs: 60_000 });
    const loadedThrough = await market.catchUp(await market.lastIssuedSeq());
    expect(await loftPrices(market, [first, second])).toEqual([500, 600]);

    const firstSeq = await reprice(market, first, 'First Lofts', 450);
    const secondSeq = await reprice(market, second, 'Second Lofts', 540);
    expect(secondSeq).toBe(firstSeq + 1);

    // The second instance's broadcast overtakes the first's.
    await market.apply(firmChange(second, secondSeq));
    expect(market.appliedSeq()).toBe(loadedThrough);
    expect(await loftPrices(market, [first, second])).toEqual([500, 600]);
    expect(market.changesSince(loadedThrough)).toEqual({ known: true, firms: [] });

    await market.apply(firmChange(first, firstSeq));
    expect(market.appliedSeq()).toBe(secondSeq);
    expect(await market.catchUp(secondSeq)).toBe(secondSeq);
    expect(await loftPrices(market, [first, second])).toEqual([450, 540]);
    const since = market.changesSince(loadedThrough);
    expect(since.known).toBe(true);
    if (!since.known) return;
    expect(since.firms.map((change) => [change.firmId, loftPriceOf(change.before)])).toEqual([
      [first, 500],
      [second, 600],
    ]);
    // Each answer stamped with a number is given exactly the changes after it.
    const afterFirst = market.changesSince(firstSeq);
    expect(afterFirst.known && afterFirst.firms.map((change) => [change.firmId, loftPriceOf(change.before)])).toEqual([
      [second, 600],
    ]);
  });

  it('reloads everything when a lower number never comes, and drops the changes it held', async () => {
    const firm = await createFirm('Lost Broadcast Lofts', 700);
    const other = await createFirm('Later Lofts', 800);
    const market = createMarket({ db: t.app.database.db, gapTimeoutMs: 200 });
    const loadedThrough = await market.catchUp(await market.lastIssuedSeq());

    const lostSeq = await reprice(market, firm, 'Lost Broadcast Lofts', 650);
    const laterSeq = await reprice(market, other, 'Later Lofts', 760);
    await market.apply(firmChange(other, laterSeq));
    expect(market.appliedSeq()).toBe(loadedThrough);
    expect(await loftPrices(market, [firm, other])).toEqual([700, 800]);

    // The change numbered lostSeq never arrives: after the timeout the firms are read again.
    expect(await market.catchUp(laterSeq)).toBeGreaterThanOrEqual(laterSeq);
    expect(await loftPrices(market, [firm, other])).toEqual([650, 760]);
    expect(market.changesSince(loadedThrough)).toEqual({ known: false });

    // Arriving late, it changes nothing.
    await market.apply(firmChange(firm, lostSeq));
    expect(market.appliedSeq()).toBeGreaterThanOrEqual(laterSeq);
    expect(await loftPrices(market, [firm, other])).toEqual([650, 760]);
  });

  it('holds firms’ bookings with them: a booking gives their bookings before, one listing no firms reloads everything', async () => {
    const parties = await buildMarket(t.app);
    const consortiumId = await formConsortium(t.app, parties, { accepted: true });
    const lot = (await call(t.app, 'GET', `/api/lots/${parties.lotId}`, { as: parties.provider })).body as EngineLot;
    const market = createMarket({ db: t.app.database.db, gapTimeoutMs: 60_000 });
    const loadedThrough = await market.catchUp(await market.lastIssuedSeq());
    expect(market.bookedIn(lot)).toEqual([]);

    const submitted = await call(t.app, 'POST', `/api/consortia/${consortiumId}/submit`, { as: parties.lead });
    expect(submitted.status, submitted.text).toBe(200);
    const bookedSeq = await market.lastIssuedSeq();
    const booking = (smeIds: string[], seq: number): Broadcast => ({
      kind: 'lots',
      lotIds: [],
      smeIds,
      change: 'booking',
      seq,
    });
    await market.apply(booking([parties.leadFirm, parties.memberFirm], bookedSeq));
    expect(await market.catchUp(bookedSeq)).toBe(bookedSeq);
    const loftUnits = market
      .bookedIn(lot)
      .find((entry) => entry.smeId === parties.memberFirm && entry.skill === 'loft-insulation');
    expect(loftUnits?.units).toBe(20);
    const since = market.changesSince(loadedThrough);
    expect(since.known && since.firms.map((change) => [change.firmId, change.bookingsBefore])).toEqual([
      [parties.leadFirm, []],
      [parties.memberFirm, []],
    ]);

    const withdrawn = await call(t.app, 'POST', `/api/consortia/${consortiumId}/withdraw`, { as: parties.lead });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    const withdrawnSeq = await market.lastIssuedSeq();
    await market.apply(booking([], withdrawnSeq));
    expect(await market.catchUp(withdrawnSeq)).toBeGreaterThanOrEqual(withdrawnSeq);
    expect(market.bookedIn(lot)).toEqual([]);
    expect(market.changesSince(loadedThrough)).toEqual({ known: false });
  });
});
