import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../support/app.ts';
import { lotInput, register, smeInput, type Account } from '../support/fixtures.ts';

const usesPostgres = Boolean(process.env.TEST_DATABASE_URL);

/**
 * One firm's change touches many lots; most answers stand, and the few it changes are the ones boards
 * show. Embedded PGlite only: there the lots reach the solver in the order the change lists them, so the
 * order they are stored in is the solver's own; on PostgreSQL they come in shard jobs taken one by one.
 */
describe.skipIf(usesPostgres)('matching: lots whose answer a change alters go first', () => {
  let t: TestApp;
  let provider: Account;
  let sme: Account;

  beforeAll(async () => {
    t = await startTestApp();
    provider = await register(t.app, 'provider');
    sme = await register(t.app, 'sme');
  });
  afterAll(() => t.close());

  async function post(url: string, account: Account, payload: object) {
    const response = await t.app.inject({ method: 'POST', url, headers: account.auth, payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string };
  }

  async function answers(lotIds: readonly string[]) {
    const result = await t.app.database.db.execute(
      sql`select a.lot_id as "lotId", a.method, a.revision = l.revision as current,
            extract(epoch from a.computed_at) * 1e6 as "computedAtMicros"
          from lot_answers a join lots l on l.id = a.lot_id
          where a.lot_id in (${sql.join(
            lotIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
    );
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
      lotId: string;
      method: string;
      current: boolean;
      computedAtMicros: string;
    }[];
    return new Map(rows.map((row) => [row.lotId, { ...row, computedAt: Number(row.computedAtMicros) }]));
  }

  async function allCurrent(lotIds: readonly string[]) {
    for (let waited = 0; waited < 30_000; waited += 50) {
      const stored = await answers(lotIds);
      if (
        (await t.app.matching.pending()) === 0 &&
        [...stored.values()].filter((a) => a.current).length === lotIds.length
      )
        return stored;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('answers did not become current');
  }

  it('stores the answer of a lot whose shown member changed before those of lots where the firm only improved', async () => {
    const near = (index: number) => ({ lat: 52.48 + index * 0.002, lon: -1.9 });
    const firm = (name: string, index: number, capabilities: ReturnType<typeof smeInput>['capabilities']) =>
      smeInput({ name, postcode: undefined, location: near(index), capabilities });
    // Eight small cavity-wall firms, each cheaper than the coordinator firm at cavity walls: too few for the
    // firm's improvement there to be settled without the engine (k + maxMembers − 1 = 10 would dominate it).
    for (let index = 0; index < 8; index++)
      await post(
        '/api/smes',
        sme,
        firm(`Cavity ${index}`, index, [
          { skill: 'cavity-wall-insulation', capacityPerMonth: 30, unitPrice: 100 + 10 * index },
        ]),
      );
    const shownBody = firm('Coordinator and lofts', 9, [
      { skill: 'retrofit-coordinator', capacityPerMonth: 20, unitPrice: 400 },
      { skill: 'loft-insulation', capacityPerMonth: 30, unitPrice: 550 },
      { skill: 'cavity-wall-insulation', capacityPerMonth: 30, unitPrice: 900 },
    ]);
    const shown = await post('/api/smes', sme, shownBody);
    // Cavity-wall lots, listed first by the change, where the firm is in reach but in no shown set...
    const cavityLots: string[] = [];
    for (let index = 0; index < 8; index++)
      cavityLots.push(
        (
          await post(
            '/api/lots',
            provider,
            lotInput({
              title: `Cavity lot ${index}`,
              postcode: undefined,
              location: near(index),
              requirements: [{ skill: 'cavity-wall-insulation', quantity: 20 }],
            }),
          )
        ).id,
      );
    // ...and last, the loft lot it is the only firm for.
    const loftLot = (await post('/api/lots', provider, lotInput({ postcode: undefined, location: near(9) }))).id;
    const lotIds = [...cavityLots, loftLot];
    const before = await allCurrent(lotIds);
    expect(before.get(loftLot)?.method).toBe('full');

    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/smes/${shown.id}`,
      headers: sme.auth,
      payload: {
        ...shownBody,
        capabilities: shownBody.capabilities.map((c) => ({ ...c, unitPrice: c.unitPrice - 50 })),
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    const after = await allCurrent(lotIds);

    // The firm improved on every lot; only the loft lot's answer changed, and it was stored first.
    expect(after.get(loftLot)?.method).toBe('merge');
    for (const lotId of cavityLots) {
      expect(after.get(lotId)?.method).toBe('skipped-proven');
      expect(after.get(lotId)!.computedAt).toBeGreaterThan(after.get(loftLot)!.computedAt);
    }
  });
});
