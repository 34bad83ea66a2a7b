/**
 * 50 bids submitted at once, competing for two loft firms' capacity across ten
 * lots whose windows all overlap. On PostgreSQL (TEST_DATABASE_URL) the app
 * runs on a connection pool, so the submits really run in parallel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { bookings, consortia, lots } from '@lepa/db';
import { windowDays } from '@lepa/shared';
import { startTestApp, type TestApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { register } from '../support/fixtures.ts';
import { coordinatorFirm, createFirm, createLot, loftFirm } from '../fixtures/consortia.ts';

const LOTS = 10;
const BIDS = 50;
const UNITS = 10;
/** Loft capacity per 30 days of the two contested firms: 3 and 2 bids of 10 units fit. */
const CAPACITY = [30, 20];

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('parallel submits never over-book', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it(`books exactly what fits when ${BIDS} bids are submitted at once`, async () => {
    const [lead, provider, ...owners] = await Promise.all([
      register(t.app, 'sme'),
      register(t.app, 'provider'),
      ...CAPACITY.map(() => register(t.app, 'sme')),
    ]);
    await createFirm(t.app, lead, coordinatorFirm());
    const loftFirms = await Promise.all(
      CAPACITY.map((capacity, i) =>
        createFirm(
          t.app,
          owners[i]!,
          loftFirm({
            name: `Contested Lofts ${i + 1}`,
            capabilities: [{ skill: 'loft-insulation', capacityPerMonth: capacity, unitPrice: 550 }],
          }),
        ),
      ),
    );
    // Windows start a day apart and last 30 days, so every pair overlaps.
    const lotIds: string[] = [];
    for (let i = 0; i < LOTS; i++) {
      const startDate = addDays('2027-03-01', i);
      lotIds.push(
        await createLot(t.app, provider, {
          title: `Contested lot ${i + 1}`,
          startDate,
          endDate: addDays(startDate, 30),
          requirements: [
            { skill: 'retrofit-coordinator', quantity: UNITS },
            { skill: 'loft-insulation', quantity: UNITS },
          ],
        }),
      );
    }

    const bids: string[] = [];
    for (let i = 0; i < BIDS; i++) {
      const firm = i % CAPACITY.length;
      const created = await call(t.app, 'POST', `/api/lots/${lotIds[i % LOTS]}/consortia`, {
        as: lead,
        payload: { members: [loftFirms[firm]] },
      });
      expect(created.status, created.text).toBe(201);
      const accepted = await call(t.app, 'POST', `/api/consortia/${created.body.id}/invitations/accept`, {
        as: owners[firm]!,
      });
      expect(accepted.status, accepted.text).toBe(200);
      bids.push(created.body.id);
    }

    const started = performance.now();
    const replies = await Promise.all(
      bids.map((id) => call(t.app, 'POST', `/api/consortia/${id}/submit`, { as: lead })),
    );
    console.log(`${BIDS} parallel submits on ${t.app.database.kind}: ${Math.round(performance.now() - started)} ms`);

    const fits = CAPACITY.reduce((sum, capacity) => sum + Math.floor(capacity / UNITS), 0);
    const won = replies.filter((r) => r.status === 200);
    const refused = replies.filter((r) => r.status !== 200);
    expect(won).toHaveLength(fits);
    for (const reply of refused) {
      expect(reply.status, reply.text).toBe(409);
      expect(reply.body.error.message).toMatch(/Contested Lofts \d/);
      expect(reply.body.error.message).toContain('Loft insulation');
    }

    // Every window of every lot, every firm and skill: booked units in overlapping windows within capacity.
    const db = t.app.database.db;
    const held = await db
      .select({
        smeId: bookings.smeId,
        skill: bookings.skill,
        units: bookings.units,
        startDate: bookings.startDate,
        endDate: bookings.endDate,
      })
      .from(bookings)
      .innerJoin(consortia, eq(consortia.id, bookings.consortiumId))
      .where(inArray(consortia.status, ['submitted', 'awarded']));
    const windows = await db
      .select({ startDate: lots.startDate, endDate: lots.endDate })
      .from(lots)
      .where(inArray(lots.id, lotIds));
    for (const window of windows) {
      const days = windowDays(window.startDate, window.endDate);
      loftFirms.forEach((smeId, i) => {
        const booked = held
          .filter(
            (b) =>
              b.smeId === smeId &&
              b.skill === 'loft-insulation' &&
              b.startDate < window.endDate &&
              b.endDate > window.startDate,
          )
          .reduce((sum, b) => sum + b.units, 0);
        expect(booked).toBeLessThanOrEqual(Math.floor((CAPACITY[i]! * days) / 30));
      });
    }
    expect(held.filter((b) => b.skill === 'loft-insulation').reduce((sum, b) => sum + b.units, 0)).toBe(fits * UNITS);
    const statuses = await db.select({ status: consortia.status }).from(consortia).where(inArray(consortia.id, bids));
    expect(statuses.filter((s) => s.status === 'submitted')).toHaveLength(fits);
  }, 180_000);
});
