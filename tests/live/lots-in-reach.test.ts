import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '@lepa/server';
import { LOT_IN_REACH_FIRMS_LISTED, type LotInput, type SmeInput } from '@lepa/shared';
import { startTestApp, type TestApp } from '../support/app.ts';
import { lotInput, register, smeInput, type Account } from '../support/fixtures.ts';
import { LiveTestClient, proposalsFor } from '../support/live-client.ts';

const EDINBURGH = { lat: 55.95, lon: -3.19 };
/** About 20 km north of the fixture lot: beyond a 5 km radius, within the 25 km near-miss margin. */
const NORTH_OF_THE_LOT = { lat: 52.7, lon: -1.8397 };

const inReachOf = (lotId: string) => (m: Record<string, unknown>) => m.type === 'lot-in-reach' && m.lotId === lotId;

async function postLot(app: App, provider: Account, input: LotInput): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/lots', headers: provider.auth, payload: input });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: string }).id;
}

async function registerFirm(app: App, owner: Account, input: SmeInput): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/smes', headers: owner.auth, payload: input });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: string }).id;
}

/**
 * Nothing more is coming for this lot on the socket: its own board snapshot, asked for after the
 * lot-in-reach messages were sent (all of one lot's go out in one notification), has arrived.
 */
async function settled(client: LiveTestClient, lotId: string) {
  client.send({ type: 'subscribe', lotId });
  await client.next(proposalsFor(lotId));
}

describe('lot-in-reach: owners of firms near a new or changed lot hear of it on /ws', () => {
  let t: TestApp;
  let wsUrl: string;
  let provider: Account;
  let near: Account;
  let nearFirm: string;
  let nearMiss: Account;
  let nearMissFirm: string;
  let far: Account;
  let farFirm: string;
  let wrongSkill: Account;
  const sockets: LiveTestClient[] = [];
  const connect = async (account: Account) => {
    const client = await LiveTestClient.connect(wsUrl, account.auth);
    sockets.push(client);
    return client;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    wsUrl = `${address.replace('http', 'ws')}/ws`;
    provider = await register(t.app, 'provider');
    near = await register(t.app, 'sme', 'Near owner');
    nearMiss = await register(t.app, 'sme', 'Near-miss owner');
    far = await register(t.app, 'sme', 'Far owner');
    wrongSkill = await register(t.app, 'sme', 'Wrong skill owner');
    nearFirm = await registerFirm(t.app, near, smeInput({ name: 'Near Lofts Ltd' }));
    // The near owner's second firm is far away: it must not be named in the message.
    await registerFirm(t.app, near, smeInput({ name: 'Near Owner North', location: EDINBURGH, serviceRadiusKm: 20 }));
    nearMissFirm = await registerFirm(
      t.app,
      nearMiss,
      smeInput({ name: 'Nearly There Ltd', location: NORTH_OF_THE_LOT, serviceRadiusKm: 5 }),
    );
    farFirm = await registerFirm(
      t.app,
      far,
      smeInput({ name: 'Edinburgh Lofts', location: EDINBURGH, serviceRadiusKm: 20 }),
    );
    await registerFirm(
      t.app,
      wrongSkill,
      smeInput({
        name: 'Only Heat Pumps Ltd',
        capabilities: [{ skill: 'air-source-heat-pump', capacityPerMonth: 10, unitPrice: 900 }],
        certifications: [{ scheme: 'mcs', expires: '2030-01-31' }],
      }),
    );
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await t.close();
  });

  it('tells the owners of firms within reach, by the lots-near-me rule, and nobody else', async () => {
    const nearSocket = await connect(near);
    const nearMissSocket = await connect(nearMiss);
    const unconcerned = [await connect(far), await connect(wrongSkill), await connect(provider)];
    const lotId = await postLot(t.app, provider, lotInput({ title: 'Posted while watching' }));

    expect(await nearSocket.next(inReachOf(lotId))).toEqual({
      type: 'lot-in-reach',
      event: 'posted',
      lotId,
      lotTitle: 'Posted while watching',
      smeIds: [nearFirm],
      firmsInReach: 1,
    });
    // Beyond its radius but within the near-miss margin: "lots near me" lists it, so its owner hears of it.
    expect(await nearMissSocket.next(inReachOf(lotId))).toMatchObject({ smeIds: [nearMissFirm] });

    for (const socket of unconcerned) {
      await settled(socket, lotId);
      expect(socket.messages.filter((m) => m.type === 'lot-in-reach')).toEqual([]);
    }
  });

  it('tells them of lots imported from an OCDS package too', async () => {
    const nearSocket = await connect(near);
    const exported = await t.app.inject({
      method: 'GET',
      url: `/api/lots/${await postLot(t.app, provider, lotInput({ title: 'Exported to a portal' }))}/ocds`,
      headers: provider.auth,
    });
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/lots/import/ocds',
      headers: provider.auth,
      payload: exported.json() as object,
    });
    expect(imported.statusCode, imported.body).toBe(201);
    const [lot] = (imported.json() as { items: { id: string }[] }).items;
    expect(await nearSocket.next(inReachOf(lot!.id))).toMatchObject({ event: 'posted', smeIds: [nearFirm] });
  });

  it('tells the owners a changed lot newly reaches, and those it no longer reaches', async () => {
    const farSocket = await connect(far);
    const nearSocket = await connect(near);
    const nearMissSocket = await connect(nearMiss);
    const lotId = await postLot(t.app, provider, lotInput({ title: 'Moving north' }));
    const moved = await t.app.inject({
      method: 'PUT',
      url: `/api/lots/${lotId}`,
      headers: provider.auth,
      payload: lotInput({ title: 'Moved to Edinburgh', postcode: 'EH1 1YZ', location: EDINBURGH }),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await farSocket.next(inReachOf(lotId))).toEqual({
      type: 'lot-in-reach',
      event: 'changed',
      lotId,
      lotTitle: 'Moved to Edinburgh',
      smeIds: [farFirm],
      firmsInReach: 1,
    });
    // The near-miss owner's only firm no longer reaches it: told so, naming the firm it reached before.
    const leftBehind = (m: Record<string, unknown>) => inReachOf(lotId)(m) && m.event === 'out-of-reach';
    expect(await nearMissSocket.next(leftBehind)).toEqual({
      type: 'lot-in-reach',
      event: 'out-of-reach',
      lotId,
      lotTitle: 'Moving north',
      smeIds: [nearMissFirm],
      firmsInReach: 1,
    });
    // The near owner's Edinburgh firm reaches it now: a change, naming only that firm (its client reloads
    // every list it has open, so the Birmingham firm's list lets the lot go).
    const changed = await nearSocket.next((m) => inReachOf(lotId)(m) && m.event === 'changed');
    expect(changed.smeIds).toHaveLength(1);
    expect(changed.smeIds).not.toContain(nearFirm);
    expect(nearSocket.messages.filter(leftBehind)).toEqual([]);
  });

  it("names at most the first 50 of an owner's firms in reach, and says how many there are", async () => {
    const owner = await register(t.app, 'sme', 'Owner of many firms');
    const inReach = LOT_IN_REACH_FIRMS_LISTED + 3;
    const firmIds: string[] = [];
    for (let n = 0; n < inReach; n += 1)
      firmIds.push(await registerFirm(t.app, owner, smeInput({ name: `Many Lofts ${n}` })));
    const socket = await connect(owner);
    const lotId = await postLot(t.app, provider, lotInput({ title: 'Near very many firms' }));
    const message = await socket.next(inReachOf(lotId));
    expect(message).toMatchObject({ event: 'posted', firmsInReach: inReach });
    expect(message.smeIds).toEqual(firmIds.sort().slice(0, LOT_IN_REACH_FIRMS_LISTED));
  });
});
