import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { LiveTestClient, proposalsFor } from '../support/live-client.ts';
import { buildMarket, createLot, formConsortium, type Market } from '../fixtures/consortia.ts';

describe('consortia over /ws: invitations, bookings on the boards, award news', () => {
  let t: TestApp;
  let m: Market;
  let wsUrl: string;
  const sockets: LiveTestClient[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    wsUrl = `${address.replace('http', 'ws')}/ws`;
    m = await buildMarket(t.app);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await t.close();
  });

  async function connect(auth: Record<string, string>) {
    const socket = await LiveTestClient.connect(wsUrl, auth);
    sockets.push(socket);
    return socket;
  }

  it('tells the invited firm at once, moves the boards on submit and tells every bid the award', async () => {
    const member = await connect(m.member.auth);
    const rival = await connect(m.otherSme.auth);
    const lead = await connect(m.lead.auth);

    const id = await formConsortium(t.app, m);
    const invitation = await member.next((msg) => msg.type === 'invitation' && msg.consortiumId === id);
    expect(invitation).toMatchObject({ lotId: m.lotId, smeId: m.memberFirm, invitation: 'pending' });
    await call(t.app, 'POST', `/api/consortia/${id}/invitations/accept`, { as: m.member });
    expect(await lead.next((msg) => msg.type === 'consortium' && msg.consortiumId === id)).toMatchObject({
      event: 'accepted',
      smeId: m.memberFirm,
    });

    // A board in an overlapping window that the member firm could serve.
    const otherLot = await createLot(t.app, m.provider, { title: 'Neighbouring lot' });
    lead.send({ type: 'subscribe', lotId: otherLot });
    const before = await lead.next(proposalsFor(otherLot));

    const rivalBid = await call(t.app, 'POST', `/api/lots/${m.lotId}/consortia`, {
      as: m.lead,
      payload: { members: [m.otherFirm] },
    });
    await call(t.app, 'POST', `/api/consortia/${rivalBid.body.id}/invitations/accept`, { as: m.otherSme });
    expect((await call(t.app, 'POST', `/api/consortia/${id}/submit`, { as: m.lead })).status).toBe(200);
    const after = await lead.next(
      proposalsFor(otherLot, (msg) => (msg.version as number) > (before.version as number)),
    );
    expect(after.version).toBeGreaterThan(before.version as number);
    expect((await call(t.app, 'POST', `/api/consortia/${rivalBid.body.id}/submit`, { as: m.lead })).status).toBe(200);

    await call(t.app, 'POST', `/api/lots/${m.lotId}/award`, { as: m.provider, payload: { consortiumId: id } });
    expect(
      await member.next((msg) => msg.type === 'bid' && msg.consortiumId === id && msg.status === 'awarded'),
    ).toBeTruthy();
    expect(
      await rival.next((msg) => msg.type === 'bid' && msg.consortiumId === rivalBid.body.id && msg.status === 'lost'),
    ).toBeTruthy();
  });
});
