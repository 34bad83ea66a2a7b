import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { lotInput, register, smeInput } from '../support/fixtures.ts';
import { LiveTestClient } from '../support/live-client.ts';

/** /metrics: Prometheus text on its own listener, only when LEPA_METRICS=on. */
describe('metrics', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  it('off by default: no listener, and nothing at /metrics on the public one', async () => {
    const t = await startTestApp();
    apps.push(t);
    expect(t.app.metricsUrl()).toBeUndefined();
    // The public port answers /metrics like any unknown page (the client's page), never with the metrics.
    const publicAnswer = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(publicAnswer.headers['content-type']).not.toContain('text/plain');
    expect(publicAnswer.body).not.toContain('lepa_http_request_duration_seconds');
  });

  it('on: request latency by route, engine solve time, push latency, sockets and queue depth', async () => {
    const t = await startTestApp({ metrics: { enabled: true, host: '127.0.0.1', port: 0 } });
    apps.push(t);
    const provider = await register(t.app, 'provider');
    const lot = (
      await t.app.inject({ method: 'POST', url: '/api/lots', headers: provider.auth, payload: lotInput() })
    ).json();
    await t.app.inject({ method: 'GET', url: `/api/lots/${lot.id}/proposals`, headers: provider.auth });
    // A watched lot changes (a firm that can do its work registers): the push is timed.
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const client = await LiveTestClient.connect(`${address.replace('http', 'ws')}/ws`, provider.auth);
    client.send({ type: 'subscribe', lotId: lot.id });
    await client.next((m) => m.type === 'proposals' && m.lotId === lot.id);
    const sme = await register(t.app, 'sme');
    const firm = await t.app.inject({ method: 'POST', url: '/api/smes', headers: sme.auth, payload: smeInput() });
    expect(firm.statusCode, firm.body).toBe(201);
    await client.next((m) => m.type === 'proposals' && m.lotId === lot.id && (m.proposals as unknown[]).length > 0);
    client.close();
    const response = await fetch(`${t.app.metricsUrl()}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(
      /lepa_http_request_duration_seconds_count\{method="POST",route="\/api\/lots",status_code="201"\} [1-9]/,
    );
    expect(text).toMatch(/lepa_engine_solve_duration_seconds_count [1-9]/);
    expect(text).toMatch(/lepa_live_push_latency_seconds_count [1-9]/);
    expect(text).toContain('# TYPE lepa_live_open_sockets gauge');
    expect(text).toMatch(/lepa_queue_depth\{queue="matching"\} \d+/);
    expect(text).toContain('lepa_process_cpu_seconds_total');
    expect((await fetch(`${t.app.metricsUrl()}/other`)).status).toBe(404);
  });
});
