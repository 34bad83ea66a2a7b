import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { lots } from '@lepa/db';
import { createAnswerCache } from '../../server/src/matching/answer-cache.ts';
import { readAnswers, type StoredAnswer } from '../../server/src/matching/answer-store.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { matchingSettled } from '../support/matching.ts';
import { lotInput, register, smeInput, type Account } from '../support/fixtures.ts';

/**
 * A web instance's answer cache over the stored answers the app's matching service wrote: what it
 * serves from the table, when it asks a worker, and what it refuses. Its own cache, so nothing the
 * app's cache holds is reused.
 */
describe('answer cache', () => {
  let t: TestApp;
  let provider: Account;

  beforeAll(async () => {
    t = await startTestApp();
    provider = await register(t.app, 'provider');
    const sme = await register(t.app, 'sme');
    await t.app.inject({ method: 'POST', url: '/api/smes', headers: sme.auth, payload: smeInput() });
  });
  afterAll(() => t.close());

  /** A lot with its answer stored by the app's own matching service. */
  async function lotWithStoredAnswer(title: string): Promise<string> {
    const posted = await t.app.inject({
      method: 'POST',
      url: '/api/lots',
      headers: provider.auth,
      payload: lotInput({ title }),
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const lotId = (posted.json() as { id: string }).id;
    const answered = await t.app.inject({ method: 'GET', url: `/api/lots/${lotId}/proposals`, headers: provider.auth });
    expect(answered.statusCode, answered.body).toBe(200);
    return lotId;
  }

  function cacheAskingWorkers() {
    const asked: { lotId: string; k: number }[] = [];
    const cache = createAnswerCache({
      db: t.app.database.db,
      enqueue: async (lotId, k) => {
        asked.push({ lotId, k });
      },
      waitTimeoutMs: 5_000,
    });
    return { cache, asked };
  }

  it('serves stored answers for the lots’ current revisions from the table, many lots at once, asking no worker', async () => {
    const lotIds = await Promise.all(['North', 'South', 'East'].map((name) => lotWithStoredAnswer(`${name} lofts`)));
    const stored = await readAnswers(t.app.database.db, lotIds);
    const { cache, asked } = cacheAskingWorkers();

    const answers = await Promise.all(lotIds.map((lotId) => cache.current(lotId)));

    expect(asked).toEqual([]);
    for (const [index, lotId] of lotIds.entries()) {
      expect(answers[index]!.fromCache).toBe(true);
      expect(answers[index]!.stored).toEqual(stored.get(lotId));
      // Held now: asked again, it comes from the cache with only the lot's state read.
      expect(cache.cached(lotId)).toEqual(stored.get(lotId));
      expect((await cache.current(lotId)).stored).toEqual(stored.get(lotId));
    }
  });

  it('asks a worker when the stored answer is older than the lot, and answers with what the worker stores', async () => {
    const lotId = await lotWithStoredAnswer('Stale lofts');
    const [lot] = await t.app.database.db
      .update(lots)
      .set({ revision: sql`${lots.revision} + 1` })
      .where(eq(lots.id, lotId))
      .returning({ revision: lots.revision });
    const older = (await readAnswers(t.app.database.db, [lotId])).get(lotId)!;
    expect(older.revision).toBeLessThan(lot!.revision);
    const { cache, asked } = cacheAskingWorkers();

    const waiting = cache.current(lotId, 3);
    await expect.poll(() => asked).toEqual([{ lotId, k: 3 }]);
    const fromWorker: StoredAnswer = { ...older, revision: lot!.revision, changeSeq: older.changeSeq + 1 };
    cache.offer(fromWorker);

    await expect(waiting).resolves.toEqual({ stored: fromWorker, fromCache: false });
  });

  it('answers 404 for a lot that does not exist and 409 for a closed one, asking no worker', async () => {
    const lotId = await lotWithStoredAnswer('Closing lofts');
    await t.app.database.db.update(lots).set({ status: 'awarded' }).where(eq(lots.id, lotId));
    const { cache, asked } = cacheAskingWorkers();

    await expect(cache.current('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ statusCode: 404 });
    await expect(cache.current(lotId)).rejects.toMatchObject({ statusCode: 409 });
    expect(asked).toEqual([]);
  });

  it('serves a board subscriber the answer held until a change names the lot; an API reader reads the revision', async () => {
    const lotId = await lotWithStoredAnswer('Followed lofts');
    const { cache, asked } = cacheAskingWorkers();
    const first = (await cache.current(lotId, 5, { followed: true })).stored;
    // A change committed through another instance, not heard of here yet.
    await t.app.database.db
      .update(lots)
      .set({ revision: sql`${lots.revision} + 1` })
      .where(eq(lots.id, lotId));

    // The subscriber is sent the newer answer when it is stored; until then it is shown the one held.
    expect(await cache.current(lotId, 5, { followed: true })).toEqual({ stored: first, fromCache: true });
    expect(asked).toEqual([]);
    const apiRead = cache.current(lotId);
    await expect.poll(() => asked).toEqual([{ lotId, k: 5 }]);
    const fromWorker: StoredAnswer = { ...first, revision: first.revision + 1, changeSeq: first.changeSeq + 1 };
    cache.offer(fromWorker);
    await expect(apiRead).resolves.toEqual({ stored: fromWorker, fromCache: false });

    // Heard: the next subscriber's snapshot reads the lot again and waits for its revision's answer.
    await t.app.database.db
      .update(lots)
      .set({ revision: sql`${lots.revision} + 1` })
      .where(eq(lots.id, lotId));
    cache.lotsChanged([lotId]);
    const followed = cache.current(lotId, 5, { followed: true });
    await expect.poll(() => asked).toHaveLength(2);
    const newest: StoredAnswer = { ...fromWorker, revision: fromWorker.revision + 1 };
    cache.offer(newest);
    await expect(followed).resolves.toEqual({ stored: newest, fromCache: false });
  });

  it('starts warm: the open lots’ current answers and states are held, so a board subscriber is answered from memory', async () => {
    const [current, stale, closed] = await Promise.all([
      lotWithStoredAnswer('Warm lofts'),
      lotWithStoredAnswer('Cold lofts'),
      lotWithStoredAnswer('Closed lofts'),
    ]);
    // Changed behind the matching service's back once it has nothing left to do, so no worker brings them up to date.
    await matchingSettled(t.app);
    const bump = (lotId: string) =>
      t.app.database.db
        .update(lots)
        .set({ revision: sql`${lots.revision} + 1` })
        .where(eq(lots.id, lotId));
    await bump(stale);
    await t.app.database.db.update(lots).set({ status: 'closed' }).where(eq(lots.id, closed));
    const stored = await readAnswers(t.app.database.db, [current]);
    const { cache, asked } = cacheAskingWorkers();

    expect(await cache.warm(1_000)).toBeGreaterThanOrEqual(1);

    expect(cache.cached(current)).toEqual(stored.get(current));
    // An answer older than its lot, and a closed lot's, are not held.
    expect(cache.cached(stale)).toBeUndefined();
    expect(cache.cached(closed)).toBeUndefined();
    // The state read at the start stands until a change naming the lot is heard: the subscriber is answered
    // without a read, so a revision bumped unheard is not seen (an API reader reads it, and asks a worker).
    await bump(current);
    expect(await cache.current(current, 5, { followed: true })).toEqual({
      stored: stored.get(current),
      fromCache: true,
    });
    expect(asked).toEqual([]);
    const apiRead = cache.current(current);
    await expect.poll(() => asked).toEqual([{ lotId: current, k: 5 }]);
    const fromWorker: StoredAnswer = { ...stored.get(current)!, revision: stored.get(current)!.revision + 1 };
    cache.offer(fromWorker);
    await expect(apiRead).resolves.toEqual({ stored: fromWorker, fromCache: false });
  });

  it('hears a change made through its own instance before the write is answered', async () => {
    const lotId = await lotWithStoredAnswer('Edited lofts');
    const before = (await t.app.matching.answer(lotId, 5, { followed: true })).answer;
    const edited = await t.app.inject({
      method: 'PUT',
      url: `/api/lots/${lotId}`,
      headers: provider.auth,
      payload: lotInput({ title: 'Edited lofts', homes: 21 }),
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await t.app.matching.answer(lotId, 5, { followed: true })).answer.version).toBe(before.version + 1);
  });
});
