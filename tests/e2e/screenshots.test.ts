import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, DESKTOP, PHONE, startE2e, type E2e } from './harness.ts';
import { proposal, registerInBrowser, seedFirm, seedLot, signInInBrowser } from './flows.ts';
import { MARKET, MARKET_LOT, UNCOVERABLE_LOT } from './market.ts';

/** The board fully drawn: ranked proposals, and the plot once member locations have arrived. */
async function boardReady(page: Page, lotId: string) {
  await page.goto(`/#/lots/${lotId}`);
  await proposal(page, 1).waitFor();
  await page.locator('.map__firm').first().waitFor();
}

/** Nothing wider than the viewport: at phone width the page scrolls down, never sideways. */
const overflowsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe('board screenshots', () => {
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

  it('at desktop and phone width', async () => {
    const { page: desktop } = await e2e.newPage(DESKTOP);
    const email = await registerInBrowser(desktop, 'provider', 'Screenshot Homes');
    await boardReady(desktop, lotId);
    await desktop.screenshot({ path: join(ARTIFACTS, 'board-desktop.png'), fullPage: true });
    await desktop.goto(`/#/lots/${uncoverableId}`);
    await desktop.getByRole('region', { name: 'Why not coverable' }).waitFor();
    await desktop.screenshot({ path: join(ARTIFACTS, 'board-not-coverable-desktop.png'), fullPage: true });

    const { page: phone } = await e2e.newPage(PHONE);
    await signInInBrowser(phone, email, 'My lots');
    await boardReady(phone, lotId);
    expect(await overflowsSideways(phone)).toBe(false);
    await phone.screenshot({ path: join(ARTIFACTS, 'board-phone.png'), fullPage: true });
    // What a phone shows first, at full resolution.
    await phone.screenshot({ path: join(ARTIFACTS, 'board-phone-first-screen.png') });
    await phone.getByRole('region', { name: /^Map/ }).screenshot({ path: join(ARTIFACTS, 'board-phone-map.png') });
  });
});
