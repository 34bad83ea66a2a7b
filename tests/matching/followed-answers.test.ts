import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../support/app.ts';
import { lotInput, register, smeInput, type Account } from '../support/fixtures.ts';

/**
 * A board subscriber's snapshot comes from what the instance already holds while no change has named
 * the lot; an API reader's answer always reads the lot's revision, so it sees a write acknowledged by
 * any instance. A bump made behind the change bus stands for a change another instance committed
 * whose notification has not arrived here yet.
 */
describe('answers for board subscribers and for API readers', () => {
  let t: TestApp;
  let provider: Account;

  beforeAll(async () => {
    t = await startTestApp();
    provider = await register(t.app, 'provider');
    const sme = await register(t.app, 'sme');
    await t.app.inject({ method: 'POST', url: '/api/smes', headers: sme.auth, payload: smeInput() });
  });
  afterAll(() => t.close());

  async function postLot(): Promise<string> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/lots',
      headers: provider.auth,
      payload: lotInput(),
    });
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { id: string }).id;
  }

  it('serves a subscriber from memory until a change names the lot, and an API reader the current revision', async () => {
    const lotId = await postLot();
    const first = (await t.app.matching.answer(lotId, 5, { followed: true })).answer;

    await t.app.database.db.execute(sql`update lots set revision = revision + 1 where id = ${lotId}::uuid`);
    // Not heard of here: the subscriber gets the answer held, and the newer one when it is stored.
    expect((await t.app.matching.answer(lotId, 5, { followed: true })).answer.version).toBe(first.version);
    // The API reads the lot and waits for its current revision's answer.
    expect((await t.app.matching.answer(lotId)).answer.version).toBe(first.version + 1);

    await t.app.database.db.execute(sql`update lots set revision = revision + 1 where id = ${lotId}::uuid`);
    // A change made through this instance is heard before its request is answered.
    const edited = await t.app.inject({
      method: 'PUT',
      url: `/api/lots/${lotId}`,
      headers: provider.auth,
      payload: lotInput({ homes: 21 }),
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await t.app.matching.answer(lotId, 5, { followed: true })).answer.version).toBe(first.version + 3);
  });

  it('never serves a closed lot from memory', async () => {
    const lotId = await postLot();
    await t.app.matching.answer(lotId, 5, { followed: true });
    const closed = await t.app.inject({ method: 'POST', url: `/api/lots/${lotId}/close`, headers: provider.auth });
    expect(closed.statusCode, closed.body).toBe(200);
    await expect(t.app.matching.answer(lotId, 5, { followed: true })).rejects.toMatchObject({ statusCode: 409 });
  });
});
