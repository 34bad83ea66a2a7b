import { createServer } from 'node:net';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, lotInput, register, smeInput } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { seriousAxeViolations } from '../support/axe.ts';
import { startMailbox, type Mailbox, type ReceivedMail } from '../support/smtp.ts';
import { ensureClientBuilt } from './client-build.ts';
import { ARTIFACTS, DESKTOP, PHONE } from './harness.ts';
import { heading, proposal } from './flows.ts';

const LEAD = smeInput({
  name: 'Sutton Retrofit Partners',
  location: { lat: 52.53, lon: -1.84 },
  capabilities: [{ skill: 'retrofit-coordinator', capacityPerMonth: 30, unitPrice: 350 }],
  certifications: [{ scheme: 'pas-2035', expires: '2030-03-31' }],
});
const LOFTS = smeInput({
  name: 'Erdington Loft Co-operative',
  ownership: 'co-operative',
  location: { lat: 52.52, lon: -1.83 },
  capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 25, unitPrice: 420 }],
  certifications: [{ scheme: 'pas-2030', expires: '2030-03-31' }],
});
const LOT = lotInput({ title: 'Erdington loft lot' });
const STEP_TIMEOUT_MS = 15_000;

/** A free loopback port, so the links in mails can name the server before it listens. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let mailbox: Mailbox;
let test: TestApp;
let browser: Browser;
let url = '';

beforeAll(async () => {
  await ensureClientBuilt();
  await mkdir(ARTIFACTS, { recursive: true });
  mailbox = await startMailbox();
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  test = await startTestApp({
    mail: { smtpUrl: mailbox.url, from: 'Lepa <lepa@lepa.test>', publicUrl: url, pollMs: 100 },
  });
  await test.app.listen({ port, host: '127.0.0.1' });
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await test?.close();
  await mailbox?.stop();
});

async function open(viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: url });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  return page;
}

/** Opens the mail's first link; signs in as the mail's recipient when the page asks for it. */
async function follow(page: Page, mail: ReceivedMail, password = PASSWORD) {
  const link = mail.links[0]!;
  expect(link.startsWith(`${url}/#/`)).toBe(true);
  await page.goto(link);
  const signIn = page.getByRole('form', { name: 'Sign in' });
  if (await signIn.isVisible({ timeout: 3000 }).catch(() => false)) {
    await page.getByLabel('Email').fill(mail.to);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }
}

const one = async (match: (m: ReceivedMail) => boolean) => (await mailbox.waitFor(match))[0]!;

describe('the consortium journey, followed through the mails', () => {
  it('invitation, acceptance, bid and award each reach the next person, whose link opens the right screen', async () => {
    const { app } = test;
    // Set up behind the scenes: the firms, the lot, and the lead's own account (the one person who starts).
    const lead = await register(app, 'sme', 'Sutton lead');
    const member = await register(app, 'sme', 'Loft co-op owner');
    const provider = await register(app, 'provider', 'Birmingham Homes Trust');
    for (const [owner, firm] of [
      [lead, LEAD],
      [member, LOFTS],
    ] as const) {
      const reply = await app.inject({ method: 'POST', url: '/api/smes', headers: owner.auth, payload: firm });
      expect(reply.statusCode, reply.body).toBe(201);
    }
    const lotReply = await app.inject({ method: 'POST', url: '/api/lots', headers: provider.auth, payload: LOT });
    const lotId = (lotReply.json() as { id: string }).id;

    // The lead forms the consortium from the board, after a dialog saying what will happen.
    const leadPage = await open();
    await leadPage.goto('/');
    await leadPage.getByLabel('Email').fill(lead.email);
    await leadPage.getByLabel('Password').fill(PASSWORD);
    await leadPage.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading(leadPage, 'My firms').waitFor();
    await leadPage.goto(`/#/lots/${lotId}`);
    const table = leadPage.getByRole('table', { name: 'Proposals compared, cheapest first' });
    await table.getByRole('row').nth(1).waitFor();
    await expect(table.getByRole('rowheader', { name: '1', exact: true }).isVisible()).resolves.toBe(true);
    await expect(leadPage.getByRole('link', { name: 'How proposals are ranked' }).isVisible()).resolves.toBe(true);
    await proposal(leadPage, 1).getByRole('button', { name: 'Form consortium from rank 1' }).click();
    const formDialog = leadPage.getByRole('dialog', { name: 'Form a consortium from rank 1?' });
    await expect(formDialog.textContent()).resolves.toContain('invites Erdington Loft Co-operative');
    await formDialog.getByRole('button', { name: 'Form consortium and invite' }).click();
    await heading(leadPage, `Consortium for ${LOT.title}`).waitFor();

    // The member knows only its mail: the link opens its inbox after signing in.
    const invitation = await one((m) => m.kind === 'invitation');
    expect(invitation.to).toBe(member.email);
    const memberPage = await open();
    await follow(memberPage, invitation);
    await heading(memberPage, 'Inbox').waitFor();
    await memberPage.getByRole('button', { name: `Accept for ${LOFTS.name}: ${LOT.title}` }).click();

    // The lead's mail says the member accepted; its link opens the consortium, where the bid goes in.
    const accepted = await one((m) => m.kind === 'invitation-answer');
    expect(accepted.to).toBe(lead.email);
    await follow(leadPage, accepted);
    await heading(leadPage, `Consortium for ${LOT.title}`).waitFor();
    const submit = leadPage.getByRole('button', { name: 'Submit bid' });
    await leadPage.waitForFunction(
      () => !(document.querySelector('.bid-actions button.button--primary') as HTMLButtonElement | null)?.disabled,
    );
    await submit.click();
    const submitDialog = leadPage.getByRole('dialog', { name: 'Submit this bid?' });
    await expect(submitDialog.textContent()).resolves.toContain(
      'books 20 units of Erdington Loft Co-operative’s loft insulation capacity in Mar 2027',
    );
    await leadPage.screenshot({ path: join(ARTIFACTS, 'mail-journey-submit-dialog.png') });
    await submitDialog.getByRole('button', { name: 'Submit the bid' }).click();

    // The provider learns of the bid by mail and awards it from the link.
    const newBid = await one((m) => m.kind === 'bid-submitted' && m.to === provider.email);
    const providerPage = await open();
    await follow(providerPage, newBid);
    await providerPage.getByRole('button', { name: `Award to ${LEAD.name}` }).click();
    const awarding = providerPage.getByRole('dialog', { name: `Award this lot to ${LEAD.name}?` });
    await awarding.getByText('No other bid is waiting.', { exact: false }).waitFor();
    await awarding.getByRole('button', { name: `Yes, award to ${LEAD.name}` }).click();

    // The member's award mail opens the board, which names the winner and the day.
    const won = await one((m) => m.kind === 'award-outcome' && m.to === member.email);
    expect(won.subject).toContain('won');
    const phone = await open(PHONE);
    await follow(phone, won);
    const awarded = phone.getByRole('region', { name: 'Awarded' });
    await awarded.waitFor();
    await expect(awarded.textContent()).resolves.toContain(`led by ${LEAD.name} with ${LOFTS.name}`);
    await phone.screenshot({ path: join(ARTIFACTS, 'mail-journey-awarded-board-phone.png'), fullPage: true });
    await phone.getByRole('button', { name: 'Menu' }).click();
    await phone.getByRole('link', { name: 'My consortia' }).waitFor();
    await phone.screenshot({ path: join(ARTIFACTS, 'mail-journey-phone-menu-open.png') });
    expect(await seriousAxeViolations(phone)).toEqual([]);
    expect(await seriousAxeViolations(leadPage)).toEqual([]);
  }, 240_000);

  it('a forgotten password is reset from the mailed link, and the new one signs in', async () => {
    const account = await register(test.app, 'sme', 'Forgetful owner');
    const page = await open(PHONE);
    await page.goto('/');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await heading(page, 'Reset your password').waitFor();
    await page.getByLabel('Email').fill('not an email');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('Enter an email address like name@example.org').waitFor();
    await page.getByLabel('Email').fill(account.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText(`If an account uses ${account.email}`).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    const mail = await one((m) => m.kind === 'password-reset' && m.to === account.email);
    await page.goto(mail.links[0]!);
    await heading(page, 'Choose a new password').waitFor();
    await page.getByLabel(/^New password/).fill('a new long passphrase');
    await page.getByLabel('The new password again').fill('a new long passphrase');
    await page.screenshot({ path: join(ARTIFACTS, 'reset-password-phone.png'), fullPage: true });
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('Your password is changed').waitFor();

    await page.goto('/#/sign-in');
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill('a new long passphrase');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading(page, 'My firms').waitFor();
  }, 180_000);
});
