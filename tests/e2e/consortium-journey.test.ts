import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { App } from '@lepa/server';
import {
  quotedWorkText,
  toPennies,
  type Assignment,
  type Consortium,
  type CostBreakdown,
  type ProposalsAnswer,
  type SmeInput,
} from '@lepa/shared';
import { lotInput, register, smeInput, type Account } from '../support/fixtures.ts';
import { seriousAxeViolations } from '../support/axe.ts';
import { ARTIFACTS, PHONE, startE2e, type E2e } from './harness.ts';
import { heading, postLotInBrowser, proposal, registerInBrowser, seedLot, signInInBrowser } from './flows.ts';

/** The lead: coordinates only, with room for this lot and the next one in the same window. */
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
const CAVITY = smeInput({
  name: 'Handsworth Cavity Walls',
  location: { lat: 52.51, lon: -1.86 },
  capabilities: [{ skill: 'cavity-wall-insulation', capacityPerMonth: 20, unitPrice: 390 }],
  certifications: [{ scheme: 'pas-2030', expires: '2030-03-31' }],
});
/** The alternative for lofts: dearer, so it appears in a lower proposal. */
const SPARE_LOFTS = smeInput({
  name: 'Perry Barr Lofts',
  location: { lat: 52.53, lon: -1.9 },
  capabilities: [{ skill: 'loft-insulation', capacityPerMonth: 40, unitPrice: 500 }],
  certifications: [{ scheme: 'pas-2030', expires: '2030-03-31' }],
});
/** A rival consortium's own firms, so the lot gets a second, dearer bid. */
const RIVAL_LEAD = smeInput({
  name: 'Castle Vale Coordination',
  ownership: 'subsidiary',
  employees: 60,
  socialValue: { realLivingWage: false, apprentices: 0, localEmployeesPct: 30, charterSignatory: false },
  location: { lat: 52.52, lon: -1.79 },
  capabilities: [{ skill: 'retrofit-coordinator', capacityPerMonth: 30, unitPrice: 600 }],
  certifications: [{ scheme: 'pas-2035', expires: '2030-03-31' }],
});
const RIVAL_CAVITY = smeInput({
  name: 'Kingstanding Cavity Services',
  employees: 20,
  socialValue: { realLivingWage: true, apprentices: 0, localEmployeesPct: 60, charterSignatory: false },
  location: { lat: 52.55, lon: -1.88 },
  capabilities: [{ skill: 'cavity-wall-insulation', capacityPerMonth: 30, unitPrice: 600 }],
  certifications: [{ scheme: 'pas-2030', expires: '2030-03-31' }],
});

const LOT = lotInput({
  title: 'Erdington whole-house retrofit',
  requirements: [
    { skill: 'retrofit-coordinator', quantity: 20 },
    { skill: 'loft-insulation', quantity: 20 },
    { skill: 'cavity-wall-insulation', quantity: 20 },
  ],
});
/** Same window: once the first bid books 20 of the loft co-operative's 25 units, it can no longer do 10 here. */
const NEXT_LOT = lotInput({
  title: 'Stockland Green loft lot',
  requirements: [
    { skill: 'retrofit-coordinator', quantity: 10 },
    { skill: 'loft-insulation', quantity: 10 },
  ],
});

interface Firm {
  owner: Account;
  id: string;
}

async function seedFirmFor(app: App, firm: SmeInput): Promise<Firm> {
  const owner = await register(app, 'sme', `${firm.name} owner`);
  const response = await app.inject({ method: 'POST', url: '/api/smes', headers: owner.auth, payload: firm });
  if (response.statusCode !== 201) throw new Error(`seeding ${firm.name} failed: ${response.body}`);
  return { owner, id: (response.json() as { id: string }).id };
}

async function call(app: App, account: Account, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const response = await app.inject({ method, url, headers: account.auth, ...(payload ? { payload } : {}) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
  return response.json() as { id: string };
}

/** Loft and cavity work only: with no coordination in the lot, the engine's lead is the biggest contract. */
const UNCOORDINATED_LOT = lotInput({
  title: 'Kingstanding loft and cavity lot',
  startDate: '2029-06-01',
  endDate: '2029-06-30',
  requirements: [
    { skill: 'loft-insulation', quantity: 5 },
    { skill: 'cavity-wall-insulation', quantity: 5 },
  ],
});

/** A member's row in the consortium table. */
const memberRow = (page: Page, name: string) =>
  page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
const inboxLink = (page: Page, pending: number) =>
  page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: pending > 0 ? `Inbox ${pending} pending` : 'Inbox', exact: true });
/** Each step waits at most this long, so a stuck step fails by name well inside the test's time. */
const STEP_TIMEOUT_MS = 10_000;

const overflowsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

async function read<T>(app: App, account: Account, url: string): Promise<T> {
  const response = await app.inject({ method: 'GET', url, headers: account.auth });
  if (response.statusCode !== 200) throw new Error(`GET ${url} answered ${response.statusCode}: ${response.body}`);
  return response.json() as T;
}

const gbp = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
/** "−£2,055.22" → -205522: the screen's money back in pennies. */
function penniesOf(text: string | null): number {
  const match = /^([−+])?£([\d,]+\.\d{2})$/.exec((text ?? '').trim());
  if (!match) throw new Error(`not a money figure: ${text}`);
  return (match[1] === '−' ? -1 : 1) * toPennies(Number(match[2]!.replace(/,/g, '')));
}
const sumPennies = (amounts: readonly number[]) => amounts.reduce((sum, amount) => sum + toPennies(amount), 0);

interface ShownFigures {
  cost: number;
  breakdown: CostBreakdown;
  members: readonly { name: string; assignments: readonly Assignment[] }[];
}

/**
 * Each member's row shows its quoted units × unit price from the API and what it
 * is paid, its ranking adjustments apart; the breakdown's quoted work and
 * signed adjustments add up to the cost to the penny.
 */
async function expectQuotedFigures(scope: Locator, shown: ShownFigures) {
  let paid = 0;
  for (const member of shown.members) {
    const row = scope
      .getByRole('row')
      .filter({ has: scope.page().getByRole('rowheader', { name: new RegExp(`^${member.name}`) }) });
    for (const a of member.assignments) {
      expect(a.unitPrice).toBeGreaterThan(0);
      await row.getByText(quotedWorkText(a.quantity, a.unitPrice!, gbp.format), { exact: true }).waitFor();
    }
    const memberPaid = penniesOf(await row.locator('.work-figures__paid strong').textContent());
    expect(memberPaid).toBe(sumPennies(member.assignments.map((a) => a.unitPrice! * a.quantity)));
    paid += memberPaid;
    await row.getByText('For ranking only').waitFor();
    const adjustments = (await row.locator('.work-figures__amount').allTextContents()).map(penniesOf);
    expect(adjustments.slice(0, 2)).toEqual([
      -sumPennies(member.assignments.map((a) => a.socialValueDiscount!)),
      sumPennies(member.assignments.map((a) => a.travel!)),
    ]);
  }
  const part = async (key: string) =>
    penniesOf(await scope.locator(`.breakdown__row[data-part="${key}"] .breakdown__value`).textContent());
  const work = await part('work');
  const parts = [work, await part('socialValueDiscount'), await part('travel'), await part('coordination')];
  expect(parts).toEqual([
    toPennies(shown.breakdown.work),
    -toPennies(shown.breakdown.socialValueDiscount),
    toPennies(shown.breakdown.travel),
    toPennies(shown.breakdown.coordination),
  ]);
  expect(paid).toBe(work);
  expect(parts.reduce((sum, amount) => sum + amount, 0)).toBe(toPennies(shown.cost));
  expect(await part('total')).toBe(toPennies(shown.cost));
  // Every part of the cost and every social value figure is labelled and explained in one line.
  for (const label of ['Quoted work', 'Social value discount', 'Travel', 'Coordination', 'Local share', 'Apprentices'])
    await scope.locator('.figure-terms dt', { hasText: label }).first().waitFor();
}

const consortiumIdOf = (page: Page) => new URL(page.url()).hash.split('/').pop()!;

describe('consortium journey', () => {
  let e2e: E2e;
  const firms: Record<string, Firm> = {};
  let providerEmail = '';
  let awardedLotId = '';
  let nextLotId = '';
  beforeAll(async () => {
    e2e = await startE2e();
    for (const firm of [LEAD, LOFTS, CAVITY, SPARE_LOFTS, RIVAL_LEAD, RIVAL_CAVITY])
      firms[firm.name] = await seedFirmFor(e2e.t.app, firm);
  });
  afterAll(() => e2e?.close());

  async function open(viewport?: { width: number; height: number }): Promise<Page> {
    const { page } = await e2e.newPage(viewport);
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    return page;
  }

  it('a lead forms a consortium from the top proposal, members accept, the bid is submitted, compared and awarded, and the boards follow', async () => {
    const { app } = e2e.t;
    const provider = await open();
    providerEmail = await registerInBrowser(provider, 'provider', 'Birmingham Homes Trust');
    const lotId = await postLotInBrowser(provider, LOT);
    awardedLotId = lotId;
    nextLotId = await seedLot(app, NEXT_LOT);

    // Someone watching the next lot's board, which the first bid's booking will change.
    const observer = await open();
    await registerInBrowser(observer, 'provider', 'Board watcher');
    await observer.goto(`/#/lots/${nextLotId}`);
    await proposal(observer, 1).getByRole('rowheader', { name: LOFTS.name }).waitFor();

    // Each member signed in its own browser profile before the invitation exists: it must arrive live.
    const members: Record<string, Page> = {};
    for (const firm of [LOFTS, CAVITY]) {
      const page = await open();
      await signInInBrowser(page, firms[firm.name]!.owner.email, 'My firms');
      await inboxLink(page, 0).waitFor();
      members[firm.name] = page;
    }

    const lead = await open();
    await signInInBrowser(lead, firms[LEAD.name]!.owner.email, 'My firms');
    await lead.goto(`/#/lots/${lotId}`);
    const top = proposal(lead, 1);
    for (const firm of [LEAD, LOFTS, CAVITY])
      await top.getByRole('rowheader', { name: new RegExp(`^${firm.name}`) }).waitFor();
    const answer = await read<ProposalsAnswer>(app, firms[LEAD.name]!.owner, `/api/lots/${lotId}/proposals`);
    await expectQuotedFigures(top, answer.proposals[0]!);
    expect(await seriousAxeViolations(lead)).toEqual([]);
    await top.getByRole('button', { name: 'Form consortium from rank 1' }).click();
    await lead.getByRole('dialog').getByRole('button', { name: 'Form consortium and invite' }).click();
    await heading(lead, `Consortium for ${LOT.title}`).waitFor();
    const consortiumUrl = lead.url();
    await memberRow(lead, LEAD.name).getByText('accepted').waitFor();
    await memberRow(lead, LOFTS.name).getByText('pending').waitFor();
    await memberRow(lead, CAVITY.name).getByText('pending').waitFor();
    await expect(lead.getByRole('button', { name: 'Submit bid' }).isDisabled()).resolves.toBe(true);
    for (const page of Object.values(members)) await inboxLink(page, 1).waitFor();

    // Swap the loft firm for the alternative, see the cost go up, then swap back.
    await lead.getByRole('button', { name: `Swap ${LOFTS.name}` }).click();
    const swap = lead.getByRole('region', { name: `Replace ${LOFTS.name}` });
    // Only firms that could do the loft work: not the cavity or coordination firms.
    const options = swap.getByRole('group', { name: 'Replacement firm' }).getByRole('radio');
    await options.first().waitFor();
    expect(await options.count()).toBe(1);
    const spare = swap.getByLabel(new RegExp(`^${SPARE_LOFTS.name}`));
    const offer = await swap.locator('label').filter({ hasText: SPARE_LOFTS.name }).textContent();
    expect(offer).toContain('Loft insulation: £500.00 a unit, 40 units free');
    expect(offer).toContain('until 31 Mar 2030');
    expect(offer).toMatch(/km from the lot · consortium cost £[\d,]+\.\d\d/);
    expect(await seriousAxeViolations(lead)).toEqual([]);
    await spare.check();
    const preview = swap.getByRole('group', { name: 'Swap preview' });
    await preview.getByText('Cost after').waitFor();
    expect(await preview.locator('.cost-change__delta').textContent()).toMatch(/^\+£/);
    await lead.screenshot({ path: join(ARTIFACTS, 'consortium-swap-preview.png'), fullPage: true });
    await swap.getByRole('button', { name: 'Confirm swap' }).click();
    await lead.getByText('Members changed.').waitFor();
    await memberRow(lead, SPARE_LOFTS.name).getByText('pending').waitFor();
    await inboxLink(members[LOFTS.name]!, 0).waitFor();

    await lead.getByRole('button', { name: `Swap ${SPARE_LOFTS.name}` }).click();
    const back = lead.getByRole('region', { name: `Replace ${SPARE_LOFTS.name}` });
    await back.getByLabel(new RegExp(`^${LOFTS.name}`)).check();
    expect(
      await back.getByRole('group', { name: 'Swap preview' }).locator('.cost-change__delta').textContent(),
    ).toMatch(/^−£/);
    await back.getByRole('button', { name: 'Confirm swap' }).click();
    await memberRow(lead, LOFTS.name).getByText('pending').waitFor();
    await inboxLink(members[LOFTS.name]!, 1).waitFor();

    // Each member accepts in its own browser; the lead's screen follows live.
    const invited = await read<Consortium>(app, firms[LEAD.name]!.owner, `/api/consortia/${consortiumIdOf(lead)}`);
    for (const [name, page] of Object.entries(members)) {
      // What the firm quoted and is paid, the same on "Lots I am proposed for" and in its invitation.
      const work = invited.members.find((m) => m.name === name)!.assignments[0]!;
      const quoted = quotedWorkText(work.quantity, work.unitPrice!, gbp.format);
      await page.goto('/#/proposed');
      await page.getByRole('region', { name: LOT.title }).getByText(quoted, { exact: true }).first().waitFor();
      await inboxLink(page, 1).click();
      await heading(page, 'Inbox').waitFor();
      const invitation = page.getByRole('region', { name: LOT.title });
      await invitation.getByText(`${LEAD.name} invites`).waitFor();
      await invitation.getByText(quoted, { exact: true }).waitFor();
      await invitation.getByText('For ranking only').waitFor();
      if (name === LOFTS.name) {
        expect(await seriousAxeViolations(page)).toEqual([]);
        await page.screenshot({ path: join(ARTIFACTS, 'inbox-desktop.png'), fullPage: true });
      }
      await invitation.getByRole('button', { name: new RegExp(`^Accept for ${name}`) }).click();
      await invitation.getByText('accepted', { exact: true }).waitFor();
      await inboxLink(page, 0).waitFor();
      await memberRow(lead, name).getByText('accepted').waitFor();
    }

    const formed = await read<Consortium>(app, firms[LEAD.name]!.owner, `/api/consortia/${consortiumIdOf(lead)}`);
    await expectQuotedFigures(lead.locator('main'), formed);
    expect(await seriousAxeViolations(lead)).toEqual([]);
    await lead.screenshot({ path: join(ARTIFACTS, 'consortium-desktop.png'), fullPage: true });
    await lead.getByRole('button', { name: 'Submit bid' }).click();
    await lead.getByRole('dialog').getByRole('button', { name: 'Submit the bid' }).click();
    await lead
      .getByRole('status')
      .filter({ hasText: /^submitted/ })
      .waitFor();

    // The booking takes the loft co-operative's units: the next lot's board changes on its own.
    await proposal(observer, 1).getByRole('rowheader', { name: SPARE_LOFTS.name }).waitFor({ timeout: 15_000 });

    // A rival bid, set up behind the scenes: the provider compares two.
    const rival = firms[RIVAL_LEAD.name]!;
    const rivalConsortium = await call(app, rival.owner, 'POST', `/api/lots/${lotId}/consortia`, {
      members: [rival.id, firms[SPARE_LOFTS.name]!.id, firms[RIVAL_CAVITY.name]!.id],
    });
    for (const firm of [SPARE_LOFTS, RIVAL_CAVITY]) {
      await call(app, firms[firm.name]!.owner, 'POST', `/api/consortia/${rivalConsortium.id}/invitations/accept`, {});
    }
    await call(app, rival.owner, 'POST', `/api/consortia/${rivalConsortium.id}/submit`);

    // The provider compares the bids and awards the cheaper one.
    await provider.getByRole('link', { name: 'Bids', exact: true }).click();
    await heading(provider, `Bids for ${LOT.title}`).waitFor();
    const rows = provider.getByRole('table', { name: 'Bids on this lot' }).getByRole('row');
    await rows.nth(2).waitFor();
    const leads = () => rows.locator('th[scope="row"]').allTextContents();
    expect(await leads()).toEqual([LEAD.name, RIVAL_LEAD.name]);
    await provider.getByRole('button', { name: /^Cost/ }).click();
    expect(await leads()).toEqual([RIVAL_LEAD.name, LEAD.name]);
    expect(await seriousAxeViolations(provider)).toEqual([]);
    await provider.screenshot({ path: join(ARTIFACTS, 'bids-desktop.png'), fullPage: true });

    // The lead and a member keep the consortium and the lot's board open while the provider awards.
    const member = members[CAVITY.name]!;
    // Both bids booked the lot's cavity firms, so its board is live but has nothing left to propose.
    await member.goto(`/#/lots/${lotId}`);
    await member
      .getByRole('status')
      .filter({ hasText: /updated live/ })
      .waitFor();

    await provider.getByRole('button', { name: `Award to ${LEAD.name}` }).click();
    const awarding = provider.getByRole('dialog', { name: `Award this lot to ${LEAD.name}?` });
    await awarding.waitFor();
    expect(await awarding.textContent()).toMatch(
      new RegExp(
        `Award this lot to the consortium led by ${LEAD.name} at £[\\d,.]+\\. The other bid will be told it lost, and its members’ booked capacity is freed\\.` +
          'The lot closes: its proposals stop changing and no new bid can be made\\. This cannot be undone\\.',
      ),
    );
    expect(await seriousAxeViolations(provider)).toEqual([]);
    await awarding.getByRole('button', { name: `Yes, award to ${LEAD.name}` }).click();
    await provider.getByText(`This lot is awarded`).waitFor();
    const status = (name: string) =>
      provider
        .getByRole('row')
        .filter({ has: provider.getByRole('rowheader', { name }) })
        .locator('.badge');
    await status(LEAD.name).getByText('awarded').waitFor();
    await status(RIVAL_LEAD.name).getByText('lost').waitFor();
    await provider.screenshot({ path: join(ARTIFACTS, 'bids-awarded-desktop.png'), fullPage: true });

    expect(lead.url()).toBe(consortiumUrl);
    await lead
      .getByRole('status')
      .filter({ hasText: /^awarded/ })
      .waitFor();
    await member.getByText('This lot is awarded; its proposals no longer change.').waitFor();
  }, 120_000);

  it('shows Lead only on firms that may lead, says why a firm cannot, and keeps "Lots I am proposed for" live', async () => {
    const { app } = e2e.t;
    const owner = await register(app, 'provider', 'Kingstanding Homes');
    const lotId = (await call(app, owner, 'POST', '/api/lots', UNCOORDINATED_LOT)).id;
    const page = await open();
    await signInInBrowser(page, firms[LOFTS.name]!.owner.email, 'My firms');

    await page.goto('/#/proposed');
    await heading(page, 'Lots I am proposed for').waitFor();
    const card = page.getByRole('region', { name: UNCOORDINATED_LOT.title });
    await card.getByText('Loft insulation: 5 units ×', { exact: false }).first().waitFor();
    await page
      .getByText(
        'You can join these consortia when a lead invites you. Only a firm offering retrofit coordination can lead a consortium; add it to your firm’s skills.',
      )
      .waitFor();
    expect(await page.locator('.badge', { hasText: 'Lead' }).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The provider changes the lot behind the scenes: the list follows without a reload or Refresh.
    const loaded = page.url();
    const changed = {
      ...UNCOORDINATED_LOT,
      requirements: [
        { skill: 'loft-insulation', quantity: 6 },
        { skill: 'cavity-wall-insulation', quantity: 5 },
      ],
    };
    await call(app, owner, 'PUT', `/api/lots/${lotId}`, changed);
    await card.getByText('Loft insulation: 6 units ×', { exact: false }).first().waitFor({ timeout: 15_000 });
    expect(page.url()).toBe(loaded);
    await page.screenshot({ path: join(ARTIFACTS, 'proposed-lots-live.png'), fullPage: true });

    // The engine names a lead for every proposal, but neither member offers coordination: no Lead, and why.
    await page.goto(`/#/lots/${lotId}`);
    const top = proposal(page, 1);
    await top.getByRole('rowheader', { name: new RegExp(`^${LOFTS.name}`) }).waitFor();
    await top.getByText(`${LOFTS.name} cannot form this consortium.`, { exact: false }).waitFor();
    expect(await top.locator('.badge', { hasText: 'Lead' }).count()).toBe(0);
    expect(await top.getByRole('button', { name: /^Form consortium/ }).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A coordinator still shows as lead where it leads.
    await page.goto(`/#/lots/${nextLotId}`);
    await proposal(page, 1)
      .getByRole('rowheader', { name: `${LEAD.name} Lead` })
      .waitFor();

    // A lot closed while the list is open drops out of it.
    await page.goto('/#/proposed');
    await card.waitFor();
    await call(app, owner, 'POST', `/api/lots/${lotId}/close`);
    await card.waitFor({ state: 'detached', timeout: 15_000 });
  }, 60_000);

  it('withdrawing asks first, saying who is told and that it is final', async () => {
    const page = await open();
    await signInInBrowser(page, firms[LEAD.name]!.owner.email, 'My firms');
    await page.goto(`/#/lots/${nextLotId}`);
    await proposal(page, 1).getByRole('button', { name: 'Form consortium from rank 1' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Form consortium and invite' }).click();
    await heading(page, `Consortium for ${NEXT_LOT.title}`).waitFor();

    await page.getByRole('button', { name: 'Withdraw', exact: true }).click();
    const withdrawing = page.getByRole('dialog', { name: 'Withdraw this consortium?' });
    await withdrawing.waitFor();
    expect(await withdrawing.textContent()).toMatch(
      new RegExp(
        `End this consortium for “${NEXT_LOT.title}”\\. The invitations to [^.]+ lapse and they are told\\. Nothing was booked\\. This cannot be undone\\.`,
      ),
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await withdrawing.getByRole('button', { name: 'Cancel' }).click();
    await withdrawing.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await withdrawing.getByRole('button', { name: 'Yes, withdraw this consortium' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^withdrawn/ })
      .waitFor();
  });

  it('fits a phone: consortium, inbox and bids do not scroll sideways', async () => {
    const lead = firms[LEAD.name]!;
    const page = await open(PHONE);
    await signInInBrowser(page, lead.owner.email, 'My firms');
    // A phone folds the header's links behind its menu button.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'My consortia' }).click();
    await heading(page, 'My consortia').waitFor();
    await page.getByRole('link', { name: LOT.title }).first().click();
    await heading(page, `Consortium for ${LOT.title}`).waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'consortium-phone.png'), fullPage: true });
    await page.goto('/#/inbox');
    await heading(page, 'Inbox').waitFor();
    expect(await overflowsSideways(page)).toBe(false);

    const provider = await open(PHONE);
    await signInInBrowser(provider, providerEmail, 'My lots');
    await provider.goto(`/#/lots/${awardedLotId}/bids`);
    await provider.getByRole('rowheader', { name: LEAD.name }).waitFor();
    expect(await overflowsSideways(provider)).toBe(false);
    await provider.screenshot({ path: join(ARTIFACTS, 'bids-phone.png'), fullPage: true });
  });
});
