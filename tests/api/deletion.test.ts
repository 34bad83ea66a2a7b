import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { lotInput, register, smeInput } from '../support/fixtures.ts';
import { LiveTestClient, proposalsFor } from '../support/live-client.ts';

describe('deleting firms and accounts', () => {
  let t: TestApp;
  let wsUrl: string;
  beforeAll(async () => {
    t = await startTestApp();
    wsUrl = `${(await t.app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws')}/ws`;
  });
  afterAll(() => t.close());

  it('refuses with 409, and keeps everything, while a firm is in a consortium', async () => {
    const provider = await register(t.app, 'provider');
    const lead = await register(t.app, 'sme');
    const lot = (
      await t.app.inject({ method: 'POST', url: '/api/lots', headers: provider.auth, payload: lotInput() })
    ).json() as { id: string };
    const firm = (
      await t.app.inject({ method: 'POST', url: '/api/smes', headers: lead.auth, payload: smeInput() })
    ).json() as { id: string };
    const formed = await t.app.inject({
      method: 'POST',
      url: `/api/lots/${lot.id}/consortia`,
      headers: lead.auth,
      payload: { members: [firm.id] },
    });
    expect(formed.statusCode, formed.body).toBe(201);

    const deleteFirm = await t.app.inject({ method: 'DELETE', url: `/api/smes/${firm.id}`, headers: lead.auth });
    expect(deleteFirm.statusCode).toBe(409);
    expect(deleteFirm.json()).toMatchObject({ error: { code: 'conflict' } });
    const deleteAccount = await t.app.inject({ method: 'DELETE', url: '/api/auth/me', headers: lead.auth });
    expect(deleteAccount.statusCode).toBe(409);
    expect((await t.app.inject({ method: 'GET', url: `/api/smes/${firm.id}`, headers: lead.auth })).statusCode).toBe(
      200,
    );
  });

  it("takes a deleted account's firms off the live boards", async () => {
    const provider = await register(t.app, 'provider');
    const owner = await register(t.app, 'sme');
    const lot = (
      await t.app.inject({
        method: 'POST',
        url: '/api/lots',
        headers: provider.auth,
        payload: lotInput({ title: 'Departure lot' }),
      })
    ).json() as { id: string };
    const firm = (
      await t.app.inject({
        method: 'POST',
        url: '/api/smes',
        headers: owner.auth,
        payload: smeInput({ name: 'Leaving Lofts' }),
      })
    ).json() as { id: string };
    const client = await LiveTestClient.connect(wsUrl, provider.auth);
    client.send({ type: 'subscribe', lotId: lot.id });
    await client.next(proposalsFor(lot.id, (m) => JSON.stringify(m.proposals).includes(firm.id)));

    expect((await t.app.inject({ method: 'DELETE', url: '/api/auth/me', headers: owner.auth })).statusCode).toBe(200);
    await client.next(proposalsFor(lot.id, (m) => !JSON.stringify(m.proposals).includes(firm.id)));
    client.close();
  });

  it("tells a board asking again that a deleted provider's lot is gone", async () => {
    const provider = await register(t.app, 'provider');
    const lot = (
      await t.app.inject({ method: 'POST', url: '/api/lots', headers: provider.auth, payload: lotInput() })
    ).json() as { id: string };
    const watcher = await LiveTestClient.connect(wsUrl, provider.auth);
    watcher.send({ type: 'subscribe', lotId: lot.id });
    await watcher.next(proposalsFor(lot.id));
    watcher.close();

    expect((await t.app.inject({ method: 'DELETE', url: '/api/auth/me', headers: provider.auth })).statusCode).toBe(
      200,
    );
    const viewer = await register(t.app, 'sme');
    const client = await LiveTestClient.connect(wsUrl, viewer.auth);
    client.send({ type: 'subscribe', lotId: lot.id });
    expect(await client.next((m) => m.lotId === lot.id)).toMatchObject({ type: 'error', code: 'not_found' });
    client.close();
  });
});
