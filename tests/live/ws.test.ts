import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WS_CLOSE_UNAUTHORIZED } from '@lepa/shared';
import { startTestApp, type TestApp } from '../support/app.ts';
import { lotInput, register, smeInput, type Account } from '../support/fixtures.ts';
import { LiveTestClient, proposalsFor } from '../support/live-client.ts';
import { matchingSettled } from '../support/matching.ts';

interface Member {
  smeId: string;
  name: string;
}
const memberNames = (m: Record<string, unknown>) =>
  ((m.proposals as { members: Member[] }[])[0]?.members ?? []).map((member) => member.name);

describe('/ws live proposals', () => {
  let t: TestApp;
  let wsUrl: string;
  let provider: Account;
  let sme: Account;

  beforeAll(async () => {
    t = await startTestApp();
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    wsUrl = `${address.replace('http', 'ws')}/ws`;
    provider = await register(t.app, 'provider');
    sme = await register(t.app, 'sme');
  });
  afterAll(() => t.close());

  async function postLot(overrides = {}) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/lots',
      headers: provider.auth,
      payload: lotInput(overrides),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string };
  }

  it('refuses a socket without a valid token with close code 4401', async () => {
    const anonymous = await LiveTestClient.connect(wsUrl);
    anonymous.send({ type: 'subscribe', lotId: '00000000-0000-4000-8000-000000000000' });
    expect(await anonymous.closed()).toBe(WS_CLOSE_UNAUTHORIZED);

    const badToken = await LiveTestClient.connect(wsUrl);
    badToken.send({ type: 'auth', token: 'not-a-token' });
    expect(await badToken.closed()).toBe(WS_CLOSE_UNAUTHORIZED);
  });

  it('accepts the bearer header, the session cookie and a first auth message', async () => {
    const lot = await postLot();
    const byHeader = await LiveTestClient.connect(wsUrl, provider.auth);
    const byCookie = await LiveTestClient.connect(wsUrl, { cookie: `lepa_session=${provider.token}` });
    const byMessage = await LiveTestClient.connect(wsUrl);
    byMessage.send({ type: 'auth', token: provider.token });
    for (const client of [byHeader, byCookie, byMessage]) {
      client.send({ type: 'subscribe', lotId: lot.id });
      const snapshot = await client.next(proposalsFor(lot.id));
      expect(snapshot).toMatchObject({ type: 'proposals', lotId: lot.id, feasible: false });
      client.close();
    }
  });

  it('pushes a new snapshot with a higher version when a firm that can join registers', async () => {
    const lot = await postLot({ title: 'Live push lot' });
    const client = await LiveTestClient.connect(wsUrl, provider.auth);
    client.send({ type: 'subscribe', lotId: lot.id });
    const first = await client.next(proposalsFor(lot.id));
    expect(first.feasible).toBe(false);
    expect((first.unmet as unknown[]).length).toBeGreaterThan(0);

    const created = await t.app.inject({
      method: 'POST',
      url: '/api/smes',
      headers: sme.auth,
      payload: smeInput({ name: 'Live Loft Co' }),
    });
    expect(created.statusCode).toBe(201);
    const pushed = await client.next(proposalsFor(lot.id, (m) => m.feasible === true));
    expect(pushed.version as number).toBeGreaterThan(first.version as number);
    expect(memberNames(pushed)).toContain('Live Loft Co');

    // A firm far away cannot alter this lot: no recompute push follows.
    const before = client.messages.length;
    const far = await t.app.inject({
      method: 'POST',
      url: '/api/smes',
      headers: sme.auth,
      payload: smeInput({ name: 'Far Away Ltd', location: { lat: 55.95, lon: -3.19 }, serviceRadiusKm: 20 }),
    });
    expect(far.statusCode).toBe(201);
    const nearAgain = await t.app.inject({
      method: 'POST',
      url: '/api/smes',
      headers: sme.auth,
      payload: smeInput({
        name: 'Second Loft Co',
        capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 30, unitPrice: 100 }],
      }),
    });
    expect(nearAgain.statusCode).toBe(201);
    const cheaper = await client.next(proposalsFor(lot.id, (m) => (m.version as number) > (pushed.version as number)));
    expect(client.messages.slice(before).every((m) => !JSON.stringify(m).includes('Far Away Ltd'))).toBe(true);
    expect(memberNames(cheaper)).toContain('Second Loft Co');
    client.close();
  });

  it('answers malformed and oversized frames with an error frame and keeps the connection', async () => {
    const lot = await postLot({ title: 'Robust socket lot' });
    const client = await LiveTestClient.connect(wsUrl, provider.auth);
    client.send('{not json');
    await client.next((m) => m.type === 'error' && String(m.message).includes('JSON'));
    client.send({ type: 'subscribe', lotId: 'nope' });
    await client.next((m) => m.type === 'error' && String(m.message).includes('subscribe'));
    client.send(JSON.stringify({ type: 'subscribe', lotId: lot.id, padding: 'x'.repeat(40_000) }));
    await client.next((m) => m.type === 'error' && String(m.message).includes('limited'));
    client.send({ type: 'subscribe', lotId: lot.id });
    await client.next(proposalsFor(lot.id));
    client.close();
  });

  it('tells a subscriber when a lot is closed', async () => {
    const lot = await postLot({ title: 'Closing lot' });
    const client = await LiveTestClient.connect(wsUrl, provider.auth);
    client.send({ type: 'subscribe', lotId: lot.id });
    await client.next(proposalsFor(lot.id));
    const closed = await t.app.inject({ method: 'POST', url: `/api/lots/${lot.id}/close`, headers: provider.auth });
    expect(closed.statusCode).toBe(200);
    await client.next((m) => m.type === 'error' && m.lotId === lot.id && m.code === 'conflict');
    client.close();
  });

  it('skips the recompute when a firm outside every proposal only gets dearer, and recomputes when it gets cheaper', async () => {
    const lot = await postLot({ title: 'Relevance lot' });
    const client = await LiveTestClient.connect(wsUrl, provider.auth);
    const member = (
      await t.app.inject({
        method: 'POST',
        url: '/api/smes',
        headers: sme.auth,
        payload: smeInput({ name: 'Member Lofts' }),
      })
    ).json() as { id: string };
    const outsider = smeInput({
      name: 'Dear Lofts',
      capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 30, unitPrice: 5000 }],
    });
    const outsiderId = (
      (await t.app.inject({ method: 'POST', url: '/api/smes', headers: sme.auth, payload: outsider })).json() as {
        id: string;
      }
    ).id;
    client.send({ type: 'subscribe', lotId: lot.id });
    const first = await client.next(proposalsFor(lot.id, (m) => JSON.stringify(m.proposals).includes(member.id)));
    expect(JSON.stringify(first.proposals)).not.toContain(outsiderId);

    const waitIdle = async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await matchingSettled(t.app);
    };
    await waitIdle();
    const before = t.app.matching.stats.solves;
    const skippedBefore = t.app.matching.stats.skippedHeuristic + t.app.matching.stats.skippedProven;
    const dearer = {
      ...outsider,
      capabilities: [{ skill: 'loft-insulation' as const, capacityPerMonth: 30, unitPrice: 6000 }],
    };
    expect(
      (await t.app.inject({ method: 'PUT', url: `/api/smes/${outsiderId}`, headers: sme.auth, payload: dearer }))
        .statusCode,
    ).toBe(200);
    await waitIdle();
    expect(t.app.matching.stats.solves).toBe(before);
    expect(t.app.matching.stats.skippedHeuristic + t.app.matching.stats.skippedProven).toBeGreaterThan(skippedBefore);
    // The answer stands: moved to the lot's new revision in place, served without a solve.
    const standing = (
      await t.app.inject({ method: 'GET', url: `/api/lots/${lot.id}/proposals`, headers: provider.auth })
    ).json() as { version: number; proposals: unknown };
    expect(standing.version).toBeGreaterThan(first.version as number);
    expect(standing.proposals).toEqual(first.proposals);
    expect(t.app.matching.stats.solves).toBe(before);

    const cheap = {
      ...outsider,
      capabilities: [{ skill: 'loft-insulation' as const, capacityPerMonth: 30, unitPrice: 10 }],
    };
    expect(
      (await t.app.inject({ method: 'PUT', url: `/api/smes/${outsiderId}`, headers: sme.auth, payload: cheap }))
        .statusCode,
    ).toBe(200);
    await client.next(proposalsFor(lot.id, (m) => JSON.stringify(m.proposals).includes(outsiderId)));
    expect(t.app.matching.stats.solves).toBeGreaterThan(before);
    client.close();
  });
});
