import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '@lepa/server';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { lotInput, register, smeInput, type Account } from '../support/fixtures.ts';
import { LiveTestClient, proposalsFor } from '../support/live-client.ts';

/**
 * A web instance whose matching workers are away (a web-only app on PostgreSQL): a lot whose answer
 * waits for a solve must not hold up the snapshots of lots subscribed after it on the same socket.
 * Needs TEST_DATABASE_URL (CI sets it): a web-only instance needs PostgreSQL's job queue.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('subscriptions on one socket', () => {
  let database: TestDatabase;
  let web: App;
  let provider: Account;
  let wsUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const options = { databaseUrl: database.databaseUrl, dataDir: 'memory', authAttemptsPerMinute: 1000 };
    web = await buildApp({ ...options, matching: { role: 'web', waitTimeoutMs: 3_000 } });
    const address = await web.listen({ port: 0, host: '127.0.0.1' });
    wsUrl = `${address.replace('http', 'ws')}/ws`;
    provider = await register(web, 'provider');
    const sme = await register(web, 'sme');
    await web.inject({ method: 'POST', url: '/api/smes', headers: sme.auth, payload: smeInput() });
  });
  afterAll(async () => {
    await web?.close();
    await database.drop();
  });

  async function postLot(title: string): Promise<string> {
    const response = await web.inject({
      method: 'POST',
      url: '/api/lots',
      headers: provider.auth,
      payload: lotInput({ title }),
    });
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { id: string }).id;
  }

  it('sends each snapshot when it is read, not after those asked for before it', async () => {
    // Solved while a worker is about (an "all" instance for the moment), so its answer is stored.
    const answered = await postLot('Answered while a worker was about');
    const worker = await buildApp({ databaseUrl: database.databaseUrl, dataDir: 'memory' });
    await worker.ready();
    const viaWorker = await worker.inject({
      method: 'GET',
      url: `/api/lots/${answered}/proposals`,
      headers: provider.auth,
    });
    expect(viaWorker.statusCode, viaWorker.body).toBe(200);
    await worker.close();
    // Posted with no worker left: its answer waits, and after the timeout it is an error frame.
    const waiting = await postLot('Posted with every worker away');

    const client = await LiveTestClient.connect(wsUrl, provider.auth);
    client.send({ type: 'subscribe', lotId: waiting });
    client.send({ type: 'subscribe', lotId: answered });
    await client.next(proposalsFor(answered));
    const waitingError = (m: Record<string, unknown>) => m.type === 'error' && m.lotId === waiting;
    expect(client.messages.some(waitingError)).toBe(false);
    expect(await client.next(waitingError)).toMatchObject({ code: 'matching_unavailable' });
    // Unsubscribed before its snapshot was read: nothing is sent for it.
    client.send({ type: 'subscribe', lotId: waiting });
    client.send({ type: 'unsubscribe', lotId: waiting });
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(client.messages.filter(waitingError)).toHaveLength(1);
    client.close();
  });
});
