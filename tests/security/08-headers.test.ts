import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMarket, formConsortium } from '../fixtures/consortia.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

/**
 * Issue 13, item 8: no security headers on /, /api/* or the printable statement. Now
 * helmet sets a CSP without inline script and with frame-ancestors 'none', nosniff and
 * a referrer policy everywhere, and HSTS when LEPA_PUBLIC_URL is https.
 */
function expectSecurityHeaders(headers: Record<string, unknown>, where: string) {
  const csp = String(headers['content-security-policy']);
  expect(csp, where).toContain("default-src 'self'");
  expect(csp, where).toContain("script-src 'self'");
  expect(csp, where).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(headers['referrer-policy'], where).toBe('strict-origin-when-cross-origin');
  expect(headers['x-frame-options'], where).toBe('DENY');
}

describe('security headers', () => {
  let t: TestApp;
  let statementUrl: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    const m = await buildMarket(t.app);
    const id = await formConsortium(t.app, m, { accepted: true });
    statementUrl = `/api/consortia/${id}/social-value.html`;
    auth = m.lead.auth;
  });
  afterAll(async () => t?.close());

  it('on /, /api/*, errors and the printable statement; no HSTS over plain http', async () => {
    const pages = {
      '/': await t.app.inject({ method: 'GET', url: '/' }),
      '/api/health': await t.app.inject({ method: 'GET', url: '/api/health' }),
      '/api/auth/me (401)': await t.app.inject({ method: 'GET', url: '/api/auth/me' }),
      statement: await t.app.inject({ method: 'GET', url: statementUrl, headers: auth }),
    };
    expect(pages.statement.statusCode).toBe(200);
    for (const [where, reply] of Object.entries(pages)) {
      expectSecurityHeaders(reply.headers, where);
      expect(reply.headers['strict-transport-security'], where).toBeUndefined();
    }
  });
});

describe('security headers behind https', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ publicUrl: 'https://lepa.example' });
  });
  afterAll(async () => t?.close());

  it('HSTS when LEPA_PUBLIC_URL is https', async () => {
    const reply = await t.app.inject({ method: 'GET', url: '/api/health' });
    expectSecurityHeaders(reply.headers, '/api/health');
    expect(reply.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });
});
