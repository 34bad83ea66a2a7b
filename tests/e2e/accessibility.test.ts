import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { startE2e, type E2e } from './harness.ts';
import { heading, proposal, registerInBrowser, seedFirm, seedLot } from './flows.ts';
import { MARKET, MARKET_LOT, UNCOVERABLE_LOT } from './market.ts';

/** axe-core's source, evaluated through the DevTools protocol: the app's CSP (rightly) refuses injected script tags. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');

/** Runs axe-core in the page and answers the violations a user would hit hardest, described for the failure message. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

describe('accessibility (axe-core)', () => {
  let e2e: E2e;
  let lotId: string;
  let uncoverableId: string;
  beforeAll(async () => {
    e2e = await startE2e();
    for (const firm of MARKET) await seedFirm(e2e.t.app, firm);
    lotId = await seedLot(e2e.t.app, MARKET_LOT);
    uncoverableId = await seedLot(e2e.t.app, UNCOVERABLE_LOT);
  });
  afterAll(() => e2e?.close());

  it('sign in and registration', async () => {
    const { page } = await e2e.newPage();
    await page.goto('/');
    await heading(page, 'Sign in to Lepa').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Choose whether you are a firm or a housing provider').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('SME profile, empty and with field errors', async () => {
    const { page } = await e2e.newPage();
    await registerInBrowser(page, 'sme', 'Axe SME');
    await page.goto('/#/firms/new');
    await heading(page, 'Register a firm').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Add a certification' }).click();
    await page.getByRole('button', { name: 'Register firm' }).click();
    await page.getByText('Firm name is required').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('lot editor', async () => {
    const { page } = await e2e.newPage();
    await registerInBrowser(page, 'provider', 'Axe Homes');
    await page.goto('/#/lots/new');
    await heading(page, 'Post a lot').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Post lot' }).click();
    await page.getByText('Title is required').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('live board, with proposals and when not coverable', async () => {
    const { page } = await e2e.newPage();
    await registerInBrowser(page, 'provider', 'Axe Board Viewer');
    await page.goto(`/#/lots/${lotId}`);
    await proposal(page, 1).waitFor();
    await page.locator('.map__firm').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`/#/lots/${uncoverableId}`);
    await page.getByRole('region', { name: 'Why not coverable' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
