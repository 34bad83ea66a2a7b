import { afterAll, describe, expect, it } from 'vitest';
import { readSettings, SettingsError } from '../../server/src/settings.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

/**
 * Issue 13, item 9: behind a TLS proxy the session cookie lacked Secure (the server sees http
 * and proxies were not trusted, with no setting to say otherwise). Now LEPA_PUBLIC_URL https makes
 * the cookie Secure, and LEPA_TRUST_PROXY (off by default) names the proxy whose X-Forwarded-*
 * headers are believed.
 */
const registerBody = () => ({
  email: `proxy-${Math.random().toString(36).slice(2)}@example.test`,
  password: 'correct horse battery',
  name: 'Proxy',
  role: 'sme',
});

describe('cookies and proxies', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const t of apps) await t.close();
  });
  const start = async (options: Parameters<typeof startTestApp>[0]) => {
    const t = await startTestApp(options);
    apps.push(t);
    return t;
  };
  const sessionCookie = async (t: TestApp, headers: Record<string, string> = {}) => {
    const reply = await t.app.inject({ method: 'POST', url: '/api/auth/register', headers, payload: registerBody() });
    expect(reply.statusCode).toBe(201);
    return reply.cookies.find((c) => c.name === 'lepa_session')!;
  };

  it('by default: no Secure cookie over http, and X-Forwarded-* from anyone is ignored', async () => {
    const t = await start({});
    expect((await sessionCookie(t, { 'x-forwarded-proto': 'https' })).secure).toBeFalsy();
    const seen = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(seen.statusCode).toBe(200);
  });

  it('LEPA_PUBLIC_URL https: the cookie is Secure though the server itself sees http', async () => {
    const t = await start({ publicUrl: 'https://lepa.example' });
    expect((await sessionCookie(t)).secure).toBe(true);
  });

  it('LEPA_TRUST_PROXY names the proxy: its X-Forwarded-Proto https makes the cookie Secure, and its X-Forwarded-For is the client address', async () => {
    const t = await start({ trustProxy: '127.0.0.1', authAttemptsPerMinute: 2 });
    expect((await sessionCookie(t, { 'x-forwarded-proto': 'https' })).secure).toBe(true);
    // The per-client limit counts the forwarded address: a second client behind the proxy is not limited by the first.
    const attempt = (address: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        headers: { 'x-forwarded-for': address },
        payload: { email: 'not an email' },
      });
    const first = [await attempt('203.0.113.1'), await attempt('203.0.113.1'), await attempt('203.0.113.1')];
    expect(first.map((r) => r.statusCode)).toEqual([400, 400, 429]);
    expect((await attempt('203.0.113.2')).statusCode).toBe(400);
  });

  it('settings: LEPA_TRUST_PROXY is off unless set; bad values stop the boot', () => {
    expect(readSettings({}).trustProxy).toBeUndefined();
    expect(readSettings({ LEPA_TRUST_PROXY: 'off' }).trustProxy).toBeUndefined();
    expect(readSettings({ LEPA_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
    expect(readSettings({ LEPA_PUBLIC_URL: 'https://lepa.example' }).publicUrl).toBe('https://lepa.example');
    expect(() => readSettings({ LEPA_PUBLIC_URL: 'lepa.example' })).toThrow(SettingsError);
    expect(() => readSettings({ LEPA_TRUST_PROXY: 'everyone' })).toThrow(/LEPA_TRUST_PROXY/);
    expect(() => readSettings({ LEPA_WS_SUBSCRIPTIONS: 'lots' })).toThrow(/LEPA_WS_SUBSCRIPTIONS/);
    expect(() => readSettings({ LEPA_METRICS: 'maybe' })).toThrow(/LEPA_METRICS/);
    expect(readSettings({ LEPA_METRICS_ADDRESS: '127.0.0.1:9100' })).toMatchObject({
      metricsHost: '127.0.0.1',
      metricsPort: 9100,
    });
  });
});
