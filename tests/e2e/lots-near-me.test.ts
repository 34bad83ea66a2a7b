import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS, DESKTOP, PHONE, startE2e, type E2e } from './harness.ts';
import { heading, registerInBrowser, seedFirm, seedLot } from './flows.ts';
import { MARKET, MARKET_LOT } from './market.ts';
import { labelProblems, regionMap } from './map-labels.ts';
import { seriousAxeViolations } from '../support/axe.ts';

const lotCard = (page: Page) => page.getByRole('region', { name: MARKET_LOT.title });
const statusOf = (card: Locator) => card.locator('.badge').first();

describe('an SME registers with only a postcode and finds the lots near it', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
    for (const firm of MARKET) await seedFirm(e2e.t.app, firm);
    await seedLot(e2e.t.app, MARKET_LOT);
  });
  afterAll(() => e2e?.close());

  it('sees "Erdington area", opens lots near me, follows a renew-certificate hint and watches the lot turn eligible live', async () => {
    const { context, page } = await e2e.newPage(DESKTOP);
    await registerInBrowser(page, 'sme', 'Erdington Lofts owner');
    await page.getByRole('link', { name: 'Register a firm' }).first().click();
    await heading(page, 'Register a firm').waitFor();
    await page.getByLabel('Firm name').fill('Erdington Lofts');
    await page.getByLabel('Postcode').fill('b23 6tn');
    await page.getByText('B23 — Erdington area, Birmingham').waitFor();
    await page.getByRole('combobox', { name: /^Ownership/ }).selectOption('independent');
    await page.getByLabel('Service radius').fill('25');
    await page.getByLabel('Employees').fill('5');
    const skill = page.getByRole('group', { name: 'Skill 1', exact: true });
    await skill.getByRole('combobox', { name: /^Skill/ }).selectOption('loft-insulation');
    await skill.getByLabel('Capacity per month').fill('30');
    await skill.getByLabel('Unit price').fill('300');
    await page.getByRole('button', { name: 'Add a certification' }).click();
    const certificate = page.getByRole('group', { name: 'Certification 1', exact: true });
    await certificate.getByRole('combobox', { name: /^Scheme/ }).selectOption('pas-2030');
    await certificate.getByLabel('Expires').fill('2025-10-02');
    // Saved anyway, but flagged in the form.
    await certificate.getByText(/^Expired: this firm cannot be proposed for work needing PAS 2030/i).waitFor();
    await page.getByLabel('Share of staff living locally').fill('80');
    await page.screenshot({ path: join(ARTIFACTS, 'firm-form-postcode.png'), fullPage: true });
    await page.getByRole('button', { name: 'Register firm' }).click();
    await heading(page, 'My firms').waitFor();
    await page.getByText('(placed at its district centre)').waitFor();
    await page.getByRole('list', { name: 'Certificate warnings' }).waitFor();

    await page.getByRole('link', { name: 'Lots near Erdington Lofts' }).click();
    await heading(page, 'Lots near Erdington Lofts').waitFor();
    const card = lotCard(page);
    await expect.poll(() => statusOf(card).textContent()).toBe('Near miss');
    const hint = card.getByText(/^Renew PAS 2030 \(expired 2 Oct 2025\) → you would be eligible for loft insulation$/);
    await hint.waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'lots-near-me-desktop.png'), fullPage: true });
    expect(await labelProblems(regionMap(page))).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The hint is followed in a second tab; this one is left alone and turns eligible by itself.
    const other = await context.newPage();
    await other.goto(page.url());
    await heading(other, 'Lots near Erdington Lofts').waitFor();
    await lotCard(other)
      .getByRole('button', { name: /^Make this change: renew PAS 2030/ })
      .click();
    await expect.poll(() => statusOf(lotCard(other)).textContent(), { timeout: 20_000 }).toMatch(/Eligible|Proposed/);
    await expect.poll(() => statusOf(card).textContent(), { timeout: 20_000 }).toMatch(/Eligible|Proposed/);
    await page.screenshot({ path: join(ARTIFACTS, 'lots-near-me-after-hint.png'), fullPage: true });

    const { page: phone } = await e2e.newPage(PHONE);
    await phone.context().addCookies(await context.cookies());
    await phone.goto(page.url());
    await heading(phone, 'Lots near Erdington Lofts').waitFor();
    await regionMap(phone).locator('rect.map__lot').first().waitFor();
    expect(await labelProblems(regionMap(phone))).toEqual([]);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    await phone.screenshot({ path: join(ARTIFACTS, 'lots-near-me-phone.png'), fullPage: true });
  }, 240_000);
});
