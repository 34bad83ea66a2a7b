import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, startE2e, type E2e } from './harness.ts';
import { heading, seedLot, signInInBrowser } from './flows.ts';
import { lotInput, register, smeInput, type Account } from '../support/fixtures.ts';

const FIRM = smeInput({ name: 'Witton Lofts & Coordination' });
const NEAR_LOT = lotInput({ title: 'Posted while you watch: Erdington lofts' });
const FAR_LOT = lotInput({
  title: 'Posted far away: Leith lofts',
  postcode: 'EH6 6QU',
  location: { lat: 55.97, lon: -3.17 },
});

/** Marks the document: a reload or a navigation would lose the mark. */
const markDocument = (page: Page) => page.evaluate(() => document.body.setAttribute('data-not-reloaded', 'yes'));
const stillSameDocument = (page: Page) => page.evaluate(() => document.body.getAttribute('data-not-reloaded'));

describe('lots a provider posts while an SME watches appear on its screens without a reload', () => {
  let e2e: E2e;
  let owner: Account;
  let smeId: string;
  beforeAll(async () => {
    e2e = await startE2e();
    owner = await register(e2e.t.app, 'sme', 'Witton owner');
    const created = await e2e.t.app.inject({ method: 'POST', url: '/api/smes', headers: owner.auth, payload: FIRM });
    expect(created.statusCode, created.body).toBe(201);
    smeId = (created.json() as { id: string }).id;
  });
  afterAll(() => e2e?.close());

  it('"lots near me" and "lots I am proposed for" take in a lot posted near the firm, and not one far away', async () => {
    const { context, page } = await e2e.newPage();
    await signInInBrowser(page, owner.email, 'My firms');
    await page.getByRole('link', { name: `Lots near ${FIRM.name}` }).click();
    await heading(page, `Lots near ${FIRM.name}`).waitFor();
    await page.getByText('No open lots within reach').waitFor();
    // A second tab of the same account on the other screen, loaded before the lot exists.
    const proposed = await context.newPage();
    await proposed.goto(`${e2e.url}/#/proposed`);
    await heading(proposed, 'Lots I am proposed for').waitFor();
    await proposed.getByText('No proposals include your firms yet').waitFor();
    await markDocument(page);
    await markDocument(proposed);

    await seedLot(e2e.t.app, FAR_LOT);
    await seedLot(e2e.t.app, NEAR_LOT);

    const nearCard = page.getByRole('region', { name: NEAR_LOT.title });
    await nearCard.waitFor({ timeout: 20_000 });
    await expect.poll(() => nearCard.locator('.badge').first().textContent(), { timeout: 20_000 }).toBe('Proposed');
    const proposedCard = proposed.getByRole('region', { name: NEAR_LOT.title });
    await proposedCard.getByText(FIRM.name, { exact: false }).first().waitFor({ timeout: 20_000 });

    expect(await stillSameDocument(page)).toBe('yes');
    expect(await stillSameDocument(proposed)).toBe('yes');
    expect(page.url()).toContain(`#/firms/${smeId}/near`);
    expect(await page.getByRole('region', { name: FAR_LOT.title }).count()).toBe(0);
    expect(await proposed.getByRole('region', { name: FAR_LOT.title }).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'lots-near-me-posted-live.png'), fullPage: true });
  }, 120_000);
});
