import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { mailOutbox } from '@lepa/db';
import { call } from '../support/http.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { register, smeInput } from '../support/fixtures.ts';
import { hashOf, startMailbox, type Mailbox } from '../support/smtp.ts';
import { buildMarket, createFirm, createLot, formConsortium, loftFirm, type Market } from '../fixtures/consortia.ts';

const PUBLIC_URL = 'http://lepa.test';
const DAY_MS = 24 * 3600 * 1000;
/** Away from the awarded lot's window, whose bookings hold the member's capacity. */
const laterWindow = { startDate: '2027-09-01', endDate: '2027-09-30' };
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

let mailbox: Mailbox;
let test: TestApp;

beforeAll(async () => {
  mailbox = await startMailbox();
  test = await startTestApp({
    mail: {
      smtpUrl: mailbox.url,
      from: 'Lepa <lepa@lepa.test>',
      publicUrl: PUBLIC_URL,
      pollMs: 100,
      retryBaseMs: 200,
      maxRetryMs: 1000,
    },
  });
}, 300_000);
afterAll(async () => {
  await test?.close();
  await mailbox?.stop();
});

/** Waits for the outbox to empty into the SMTP server, then a little longer so a duplicate would show. */
async function settle() {
  await test.app.mail.deliverDue();
  await new Promise((resolve) => setTimeout(resolve, 300));
  await test.app.mail.deliverDue();
}

describe('mail through a real SMTP server', { timeout: 180_000 }, () => {
  let market: Market;
  let consortiumId: string;

  it('sends every consortium event once, each with a link that opens what it is about', async () => {
    const { app } = test;
    market = await buildMarket(app);
    consortiumId = await formConsortium(app, market);

    const [invitation] = await mailbox.waitFor((m) => m.to === market.member.email && m.kind === 'invitation');
    expect(invitation!.subject).toContain('invites Kingstanding Loft Insulation');
    // The quoted price and the pay, in the words the screens use; the ranking adjustments named apart.
    expect(invitation!.text).toContain('loft insulation, 20 units × £550.00 = £11,000.00');
    expect(invitation!.text).toContain('Your firm is paid this quoted work: £11,000.00.');
    expect(invitation!.html).toContain('<a href="http://lepa.test/#/inbox">');
    expect(hashOf(invitation!.links[0]!, PUBLIC_URL)).toBe('#/inbox');
    const inbox = await call(app, 'GET', '/api/invitations?state=pending', { as: market.member });
    if (inbox.status === 200) expect(JSON.stringify(inbox.body)).toContain(consortiumId);

    expect(
      (await call(app, 'POST', `/api/consortia/${consortiumId}/invitations/accept`, { as: market.member, payload: {} }))
        .status,
    ).toBe(200);
    const [answer] = await mailbox.waitFor((m) => m.to === market.lead.email && m.kind === 'invitation-answer');
    expect(answer!.subject).toContain('accepted');
    const answerHash = hashOf(answer!.links[0]!, PUBLIC_URL);
    expect(answerHash).toBe(`#/consortia/${consortiumId}`);
    expect((await call(app, 'GET', `/api/${answerHash.slice(2)}`, { as: market.lead })).status).toBe(200);

    expect((await call(app, 'POST', `/api/consortia/${consortiumId}/submit`, { as: market.lead })).status).toBe(200);
    const submitted = await mailbox.waitFor((m) => m.kind === 'bid-submitted', 3);
    expect(submitted.map((m) => m.to).sort()).toEqual(
      [market.lead.email, market.member.email, market.provider.email].sort(),
    );
    const providerMail = submitted.find((m) => m.to === market.provider.email)!;
    const bidsHash = hashOf(providerMail.links[0]!, PUBLIC_URL);
    expect(bidsHash).toBe(`#/lots/${market.lotId}/bids`);
    expect((await call(app, 'GET', `/api/${bidsHash.slice(2)}`, { as: market.provider })).status).toBe(200);

    const award = await call(app, 'POST', `/api/lots/${market.lotId}/award`, {
      as: market.provider,
      payload: { consortiumId },
    });
    expect(award.status, award.text).toBe(200);
    const outcome = await mailbox.waitFor((m) => m.kind === 'award-outcome', 2);
    expect(outcome.map((m) => m.to).sort()).toEqual([market.lead.email, market.member.email].sort());
    expect(outcome[0]!.subject).toContain('won');
    const boardHash = hashOf(outcome[0]!.links[0]!, PUBLIC_URL);
    expect(boardHash).toBe(`#/lots/${market.lotId}`);
    expect((await call(app, 'GET', `/api/${boardHash.slice(2)}`, { as: market.member })).body.status).toBe('awarded');

    await settle();
    const counts = Object.fromEntries(
      ['invitation', 'invitation-answer', 'bid-submitted', 'award-outcome'].map((kind) => [
        kind,
        mailbox.received.filter((m) => m.kind === kind).length,
      ]),
    );
    expect(counts).toEqual({ invitation: 1, 'invitation-answer': 1, 'bid-submitted': 3, 'award-outcome': 2 });
  });

  it('tells the lead when a member declines, pointing at choosing a replacement', async () => {
    const { app } = test;
    const lotId = await createLot(app, market.provider, { title: 'Kingstanding lofts', ...laterWindow });
    const id = await formConsortium(app, market, { lotId });
    await mailbox.waitFor((m) => m.to === market.member.email && m.kind === 'invitation', 2);
    expect(
      (await call(app, 'POST', `/api/consortia/${id}/invitations/decline`, { as: market.member, payload: {} })).status,
    ).toBe(200);
    const [declined] = await mailbox.waitFor((m) => m.kind === 'invitation-answer' && m.subject.includes('declined'));
    expect(declined!.to).toBe(market.lead.email);
    expect(declined!.text).toContain('Choose a replacement');
    expect(hashOf(declined!.links[0]!, PUBLIC_URL)).toBe(`#/consortia/${id}`);
  });

  it('sends one digest of new lots a day and one warning per expiring certificate', async () => {
    const { app } = test;
    const owner = await register(app, 'sme', 'Digest owner');
    const provider = await register(app, 'provider', 'Digest provider');
    const expiring = isoDay(Date.now() + 20 * DAY_MS);
    const firmId = await createFirm(
      app,
      owner,
      loftFirm({
        name: 'Perry Common Lofts',
        certifications: [
          { scheme: 'pas-2030', expires: '2030-01-31' },
          { scheme: 'trustmark', expires: expiring },
        ],
      }),
    );
    const first = await createLot(app, provider, { title: 'Perry Common lofts, phase 1' });
    expect(await app.mail.scan()).toBeGreaterThanOrEqual(2);
    const [digest] = await mailbox.waitFor((m) => m.to === owner.email && m.kind === 'new-lots');
    expect(digest!.text).toContain('Perry Common lofts, phase 1');
    expect(digest!.links).toContain(`${PUBLIC_URL}/#/lots/${first}`);
    const [warning] = await mailbox.waitFor((m) => m.to === owner.email && m.kind === 'certificate-expiring');
    expect(warning!.subject).toContain('TrustMark');
    expect(hashOf(warning!.links[0]!, PUBLIC_URL)).toBe(`#/firms/${firmId}`);
    expect((await call(app, 'GET', `/api/smes/${firmId}`, { as: owner })).status).toBe(200);

    // The same day: a second lot waits for tomorrow's digest, and the certificate is not warned about twice.
    await createLot(app, provider, { title: 'Perry Common lofts, phase 2' });
    await app.mail.scan();
    await settle();
    expect(mailbox.to(owner.email, 'new-lots')).toHaveLength(1);
    expect(mailbox.to(owner.email, 'certificate-expiring')).toHaveLength(1);

    await app.mail.scan(new Date(Date.now() + DAY_MS));
    const digests = await mailbox.waitFor((m) => m.to === owner.email && m.kind === 'new-lots', 2);
    expect(digests[1]!.text).toContain('phase 2');
    expect(digests[1]!.text).not.toContain('phase 1');
  });

  it('keeps answering 2xx while SMTP is down and delivers once it is back', async () => {
    const { app } = test;
    await mailbox.stop();
    const lead = await register(app, 'sme', 'Outage lead');
    const member = await register(app, 'sme', 'Outage member');
    const provider = await register(app, 'provider', 'Outage provider');
    const leadFirm = await createFirm(
      app,
      lead,
      smeInput({
        name: 'Outage Coordination',
        capabilities: [{ skill: 'retrofit-coordinator', capacityPerMonth: 1000, unitPrice: 400 }],
        certifications: [{ scheme: 'pas-2035', expires: '2030-01-31' }],
      }),
    );
    const memberFirm = await createFirm(app, member, loftFirm({ name: 'Outage Lofts' }));
    const lotId = await createLot(app, provider, { title: 'Outage lot' });
    const started = Date.now();
    const formed = await call(app, 'POST', `/api/lots/${lotId}/consortia`, {
      as: lead,
      payload: { members: [leadFirm, memberFirm] },
    });
    expect(formed.status, formed.text).toBe(201);
    expect(Date.now() - started).toBeLessThan(5000);

    // Let the sender fail at least once.
    const deadline = Date.now() + 10_000;
    let row;
    do {
      await new Promise((resolve) => setTimeout(resolve, 100));
      [row] = await app.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, member.email));
    } while ((!row || row.attempts < 1 || !row.lastError) && Date.now() < deadline);
    expect(row?.attempts).toBeGreaterThanOrEqual(1);
    expect(row?.sentAt).toBeNull();
    expect(row?.lastError).toBeTruthy();

    await mailbox.start();
    const [arrived] = await mailbox.waitFor((m) => m.to === member.email && m.kind === 'invitation');
    expect(arrived!.text).toContain('Outage lot');
    await settle();
    expect(mailbox.to(member.email, 'invitation')).toHaveLength(1);
  });

  it('stops a kind of mail after its unsubscribe link, and the preferences say so', async () => {
    const { app } = test;
    const [invitation] = mailbox.to(market.member.email, 'invitation');
    const link = invitation!.listUnsubscribe!;
    expect(link.startsWith(`${PUBLIC_URL}/api/mail/unsubscribe?token=`)).toBe(true);
    expect(invitation!.text).toContain(link);

    const page = await call(app, 'GET', link.slice(PUBLIC_URL.length));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Invitations to join a consortium');
    const forged = await call(app, 'GET', `${link.slice(PUBLIC_URL.length)}x`);
    expect(forged.status).toBe(400);

    const preferences = await call(app, 'GET', '/api/auth/me/notifications', { as: market.member });
    expect(preferences.body).toMatchObject({ invitation: false, 'award-outcome': true });

    const before = mailbox.to(market.member.email, 'invitation').length;
    const lotId = await createLot(app, market.provider, {
      title: 'After unsubscribing',
      startDate: '2028-01-01',
      endDate: '2028-01-31',
    });
    await formConsortium(app, market, { lotId });
    await settle();
    expect(mailbox.to(market.member.email, 'invitation')).toHaveLength(before);

    const back = await call(app, 'PUT', '/api/auth/me/notifications', {
      as: market.member,
      payload: { invitation: true, 'new-lots': false },
    });
    expect(back.status, back.text).toBe(200);
    expect(back.body).toMatchObject({ invitation: true, 'new-lots': false, 'bid-submitted': true });
    const bad = await call(app, 'PUT', '/api/auth/me/notifications', {
      as: market.member,
      payload: { invitation: 'yes' },
    });
    expect(bad.status).toBe(400);
    expect((await call(app, 'GET', '/api/auth/me/notifications')).status).toBe(401);
  });

  it('takes the RFC 8058 one-click form on the unsubscribe address, and forms nowhere else', async () => {
    const { app } = test;
    const [invitation] = mailbox.to(market.member.email, 'invitation');
    const path = invitation!.listUnsubscribe!.slice(PUBLIC_URL.length);
    expect(invitation!.listUnsubscribePost).toBe('List-Unsubscribe=One-Click');
    await call(app, 'PUT', '/api/auth/me/notifications', { as: market.member, payload: { invitation: true } });
    const form = { 'content-type': 'application/x-www-form-urlencoded' };

    const plain = await call(app, 'POST', path, {
      headers: { 'content-type': 'text/plain' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(plain.status, plain.text).toBe(415);
    const wrongForm = await call(app, 'POST', path, { headers: form, payload: 'List-Unsubscribe=Yes' });
    expect(wrongForm.status, wrongForm.text).toBe(400);
    const forged = await call(app, 'POST', `${path}x`, { headers: form, payload: 'List-Unsubscribe=One-Click' });
    expect(forged.status, forged.text).toBe(400);
    expect((await call(app, 'GET', '/api/auth/me/notifications', { as: market.member })).body).toMatchObject({
      invitation: true,
    });

    const oneClick = await call(app, 'POST', path, { headers: form, payload: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status, oneClick.text).toBe(200);
    expect(oneClick.body).toEqual({ ok: true });
    expect((await call(app, 'GET', '/api/auth/me/notifications', { as: market.member })).body).toMatchObject({
      invitation: false,
      'award-outcome': true,
    });

    const elsewhere = await call(app, 'PUT', '/api/auth/me/notifications', {
      as: market.member,
      headers: form,
      payload: 'invitation=true',
    });
    expect(elsewhere.status, elsewhere.text).toBe(415);
    const signIn = await call(app, 'POST', '/api/auth/login', {
      headers: form,
      payload: `email=${encodeURIComponent(market.member.email)}&password=x`,
    });
    expect(signIn.status, signIn.text).toBe(415);
  });
});
