import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, DESKTOP, PHONE, startE2e, type E2e } from './harness.ts';
import { proposal, registerInBrowser, seedFirm, seedLot } from './flows.ts';
import { MARKET, MARKET_LOT } from './market.ts';
import { labelProblems, mapBoxes, regionMap } from './map-labels.ts';
import { seriousAxeViolations } from '../support/axe.ts';

describe('the region map on the board', () => {
  let e2e: E2e;
  let lotId: string;
  beforeAll(async () => {
    e2e = await startE2e();
    for (const firm of MARKET) await seedFirm(e2e.t.app, firm);
    lotId = await seedLot(e2e.t.app, MARKET_LOT);
  });
  afterAll(() => e2e?.close());

  for (const [name, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`shows the lot, members and reach circles with no overlapping or cut labels at ${name} width`, async () => {
      const { page } = await e2e.newPage(viewport);
      await registerInBrowser(page, 'provider', `Map Viewer ${name}`);
      await page.goto(`/#/lots/${lotId}`);
      const first = proposal(page, 1);
      await first.waitFor();
      const map = regionMap(page);
      await map.locator('circle.map__firm').first().waitFor();
      const members = await first.locator('tbody tr').count();
      await expect.poll(() => map.locator('circle.map__firm').count()).toBe(members);
      expect(await map.locator('rect.map__lot').count()).toBe(1);
      expect(await map.locator('circle.map__reach').count()).toBe(members);

      const { labels } = await mapBoxes(map);
      const names = labels.filter((l) => !l.district).map((l) => l.text);
      // Every member and the lot carry a label at the home view.
      expect(names).toHaveLength(members + 1);
      expect(await labelProblems(map)).toEqual([]);
      await map.screenshot({ path: join(ARTIFACTS, `region-map-${name}.png`) });

      // Keyboard: zoom in twice and pan; the labels are laid out again and still keep the rules.
      await map.locator('.map__frame').focus();
      await page.keyboard.press('+');
      await page.keyboard.press('+');
      await page.keyboard.press('ArrowRight');
      expect(await labelProblems(map)).toEqual([]);
      // Buttons: zoom out beyond the home view shows the region's districts, still without clashes.
      for (let i = 0; i < 4; i++) await map.getByRole('button', { name: 'Zoom out' }).click();
      expect(await labelProblems(map)).toEqual([]);
      expect((await mapBoxes(map)).labels.some((l) => l.district)).toBe(true);
      await map.screenshot({ path: join(ARTIFACTS, `region-map-${name}-zoomed-out.png`) });
      await map.getByRole('button', { name: 'Reset view' }).click();

      // The text version lists the same places.
      await map.getByText(/as text$/).click();
      const text = await map.locator('.map__text li').allTextContents();
      expect(text).toHaveLength(members + 1);
      expect(text[0]).toContain(MARKET_LOT.title);
      // The whole board is checked in accessibility.test.ts; here the map, at this width.
      expect(await seriousAxeViolations(page, 'figure.map')).toEqual([]);
    }, 120_000);
  }
});
