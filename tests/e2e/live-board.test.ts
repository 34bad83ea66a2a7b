import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lotInput, smeInput } from '../support/fixtures.ts';
import { startE2e, type E2e } from './harness.ts';
import { heading, postLotInBrowser, proposal, registerFirmInBrowser, registerInBrowser, seedFirm } from './flows.ts';

/** Cheaper than the seeded firm on both skills and closer, so it must lead the best proposal. */
const challenger = smeInput({
  name: 'Kingstanding Retrofit Co-operative',
  postcode: 'B44 0QA',
  location: { lat: 52.5301, lon: -1.8502 },
  ownership: 'co-operative',
  employees: 6,
  capabilities: [
    { skill: 'retrofit-coordinator', capacityPerMonth: 25, unitPrice: 250 },
    { skill: 'loft-insulation', capacityPerMonth: 30, unitPrice: 300 },
  ],
  certifications: [
    { scheme: 'pas-2035', reference: 'PAS35-778', expires: '2030-06-30' },
    { scheme: 'pas-2030', expires: '2030-06-30' },
  ],
});

describe('live proposal board', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(() => e2e?.close());

  it('updates a provider’s open board when an SME registers a better firm, and explains an uncoverable lot', async () => {
    const incumbent = smeInput();
    await seedFirm(e2e.t.app, incumbent);

    const { page: provider } = await e2e.newPage();
    await registerInBrowser(provider, 'provider', 'Birmingham Homes Trust');
    const lot = lotInput();
    await postLotInBrowser(provider, lot);
    await proposal(provider, 1).getByRole('rowheader', { name: incumbent.name }).waitFor();
    await provider
      .getByRole('status')
      .filter({ hasText: /^Connection: Live$/ })
      .waitFor();
    // Marks this page load; a reload would lose it.
    await provider.evaluate(() => Object.assign(window, { boardPageLoad: 'original' }));

    const { page: sme } = await e2e.newPage();
    await registerInBrowser(sme, 'sme', 'Kingstanding Co-op account');
    await registerFirmInBrowser(sme, challenger);

    await proposal(provider, 1).getByRole('rowheader', { name: challenger.name }).waitFor({ timeout: 15_000 });
    expect(await provider.evaluate(() => (window as { boardPageLoad?: string }).boardPageLoad)).toBe('original');
    await proposal(provider, 1).getByText('Cost breakdown').waitFor();

    const uncoverable = lotInput({
      title: 'Kingstanding heat pump lot',
      requirements: [{ skill: 'air-source-heat-pump', quantity: 10 }],
    });
    await postLotInBrowser(provider, uncoverable);
    const why = provider.getByRole('region', { name: 'Why not coverable' });
    await why.waitFor();
    await why.getByText('Air source heat pump', { exact: true }).waitFor();
    const explanation = await why.textContent();
    expect(explanation).toMatch(/No firm offers it/);
    expect(explanation).toMatch(/Short by 10 units/);
    await heading(provider, uncoverable.title).waitFor();
    await provider.getByText('No consortium can cover this lot yet').waitFor();
  });

  it('restores the session after a reload, and the websocket authenticates with the cookie alone', async () => {
    const { page } = await e2e.newPage();
    await registerInBrowser(page, 'provider', 'Reloading Homes');
    const lot = lotInput({ title: 'Reload test lot' });
    await postLotInBrowser(page, lot);
    await page.reload();
    await heading(page, lot.title).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^Connection: Live$/ })
      .waitFor();
    await proposal(page, 1).waitFor();
  });
});
