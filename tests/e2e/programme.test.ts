import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LotInput } from '@lepa/shared';
import { ARTIFACTS, startE2e, type E2e } from './harness.ts';
import { heading, registerInBrowser, seedFirm, setExactPoint } from './flows.ts';
import { MARKET, MARKET_LOT } from './market.ts';
import { seriousAxeViolations } from '../support/axe.ts';

/** Three lots of the market, two of them at the same time, posted by the signed-in provider. */
const LOTS: LotInput[] = [
  { ...MARKET_LOT, title: 'Erdington spring lot' },
  { ...MARKET_LOT, title: 'Kingstanding spring lot', location: { lat: 52.5439, lon: -1.8683 } },
  { ...MARKET_LOT, title: 'Erdington summer lot', startDate: '2027-06-01', endDate: '2027-06-30' },
];

describe('programme page and market depth', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
    for (const firm of MARKET) await seedFirm(e2e.t.app, firm);
  });
  afterAll(() => e2e?.close());

  it(
    'a provider builds a programme, moves the tolerance and sees totals, chart and map',
    { timeout: 240_000 },
    async () => {
      const { page } = await e2e.newPage();
      await registerInBrowser(page, 'provider', 'Programme Provider');
      for (const lot of LOTS) {
        const status = await page.evaluate(async (body) => {
          const reply = await fetch('/api/lots', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          return reply.status;
        }, lot);
        expect(status).toBe(201);
      }
      await page.getByRole('link', { name: 'Programmes' }).click();
      await heading(page, 'Programmes').waitFor();
      await page.getByLabel('Programme name').fill('North Birmingham 2027');
      for (const lot of LOTS) await page.getByLabel(new RegExp(`^${lot.title}`)).check();
      await page.getByRole('button', { name: 'Make programme' }).click();
      await heading(page, 'North Birmingham 2027').waitFor();

      const totals = page.getByRole('table', { name: 'Programme totals' });
      await totals.waitFor();
      const firmsCell = page.getByTestId('spread-Firms with work');
      expect(Number(await firmsCell.textContent())).toBeGreaterThan(0);
      const chart = page.getByTestId('pareto-chart');
      await chart.waitFor();
      await expect.poll(() => chart.locator('circle').count(), { timeout: 60_000 }).toBe(6);
      const map = page.getByRole('region', { name: 'Where the work goes' });
      await expect.poll(() => map.locator('circle.map__firm').count()).toBeGreaterThan(0);
      expect(await map.textContent()).toContain('Contains OS data');
      const currentBefore = await chart.locator('circle.pareto__current').getAttribute('cx');
      const rowBefore = await page.locator('tr[aria-current="true"]').textContent();
      await page.screenshot({ path: join(ARTIFACTS, 'programme-page.png'), fullPage: true });

      await page.getByLabel(/Spend up to/).fill('10');
      await page.getByText('Spend up to 10% more').waitFor();
      await expect.poll(() => page.locator('tr[aria-current="true"]').textContent()).not.toBe(rowBefore);
      expect(await page.locator('tr[aria-current="true"] td').first().textContent()).toBe('10%');
      await totals.waitFor();
      const currentAfter = await chart.locator('circle.pareto__current').getAttribute('cx');
      expect(currentAfter).not.toBeNull();
      expect(currentBefore).not.toBeNull();
      await page.screenshot({ path: join(ARTIFACTS, 'programme-page-10pct.png'), fullPage: true });
      expect(await seriousAxeViolations(page)).toEqual([]);
    },
  );

  it('the lot editor dry run turns a thin lot coverable as the radius is raised', { timeout: 240_000 }, async () => {
    const { page } = await e2e.newPage();
    await registerInBrowser(page, 'provider', 'Dry Run Provider');
    await page.getByRole('link', { name: 'Post a lot' }).first().click();
    await heading(page, 'Post a lot').waitFor();
    const lot = MARKET_LOT;
    await page.getByLabel('Title').fill(lot.title);
    await page.getByLabel('Homes').fill(String(lot.homes));
    if (lot.postcode) await page.getByLabel('Postcode').fill(lot.postcode);
    await setExactPoint(page, lot.location!);
    await page.getByLabel('Work starts').fill(lot.startDate);
    await page.getByLabel('Work ends').fill(lot.endDate);
    const row = page.getByRole('group', { name: 'Requirement 1' });
    await row.getByRole('combobox').first().selectOption('loft-insulation');
    await row.getByLabel('Quantity').fill('20');
    await page.getByLabel('Furthest member').fill('0.5');
    const words = page.getByTestId('dry-run-words');
    await expect
      .poll(() => words.textContent(), { timeout: 20_000 })
      .toContain('No local consortium could cover this yet');
    expect(await words.textContent()).toContain('loft insulation is thin');
    await page.getByTestId('dry-run').screenshot({ path: join(ARTIFACTS, 'dry-run-thin.png') });
    await page.getByLabel('Furthest member').fill('30');
    await expect.poll(() => words.textContent(), { timeout: 20_000 }).toMatch(/^\d+ local consortia could cover this/);
    await page.getByTestId('dry-run').screenshot({ path: join(ARTIFACTS, 'dry-run-coverable.png') });
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
