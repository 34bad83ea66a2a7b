import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildMarket, formConsortium, type Market } from '../fixtures/consortia.ts';
import { call } from '../support/http.ts';
import { startE2e, type E2e } from './harness.ts';
import { signInInBrowser } from './flows.ts';

/** Chromium reports every blocked script, style, frame or connection on the console. */
const CSP_VIOLATION = /Content Security Policy|Refused to (load|execute|apply|connect|frame|evaluate)/i;

/**
 * Issue 13: every screen runs with the server's Content-Security-Policy enforced (no inline
 * script, frame-ancestors 'none') and the browser reports no violation on any of them.
 */
describe('every screen under the Content-Security-Policy', () => {
  let e2e: E2e;
  let m: Market;
  let consortiumId: string;

  beforeAll(async () => {
    e2e = await startE2e();
    m = await buildMarket(e2e.t.app);
    consortiumId = await formConsortium(e2e.t.app, m, { accepted: true });
    await call(e2e.t.app, 'POST', `/api/consortia/${consortiumId}/submit`, { as: m.lead });
  });
  afterAll(() => e2e?.close());

  async function watchedPage() {
    const { page } = await e2e.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (CSP_VIOLATION.test(message.text())) violations.push(message.text());
    });
    return { page, violations };
  }

  async function visit(page: Page, hash: string) {
    await page.goto(`/${hash}`);
    await page.locator('h1').first().waitFor();
    // Let the screen's requests, socket and lazy chunks arrive.
    await page.waitForTimeout(400);
  }

  it('signed out: home, sign-in and not found; the document carries the policy', async () => {
    const { page, violations } = await watchedPage();
    const response = await page.goto('/');
    const csp = response!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    for (const hash of ['#/', '#/sign-in', '#/nowhere']) await visit(page, hash);
    expect(violations).toEqual([]);
  });

  it('as the housing provider: my lots, the lot editor, the board, bids, a consortium and the printable statement', async () => {
    const { page, violations } = await watchedPage();
    await signInInBrowser(page, m.provider.email, 'My lots');
    for (const hash of [
      '#/lots',
      '#/lots/new',
      `#/lots/${m.lotId}`,
      `#/lots/${m.lotId}/edit`,
      `#/lots/${m.lotId}/bids`,
      `#/consortia/${consortiumId}`,
    ])
      await visit(page, hash);
    const statement = await page.goto(`/api/consortia/${consortiumId}/social-value.html`);
    expect(statement!.status()).toBe(200);
    await page.waitForTimeout(300);
    expect(violations).toEqual([]);
  });

  it('as the lead firm: my firms, the firm editor, proposed lots, inbox and consortia', async () => {
    const { page, violations } = await watchedPage();
    await signInInBrowser(page, m.lead.email, 'My firms');
    for (const hash of [
      '#/firms',
      '#/firms/new',
      `#/firms/${m.leadFirm}`,
      '#/proposed',
      '#/inbox',
      '#/consortia',
      `#/consortia/${consortiumId}`,
      `#/lots/${m.lotId}`,
    ])
      await visit(page, hash);
    expect(violations).toEqual([]);
  });
});
