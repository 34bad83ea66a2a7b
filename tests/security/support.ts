import { expect } from 'vitest';
import type { AppOptions } from '@lepa/server';
import { startTestApp, type TestApp } from '../support/app.ts';

/** A test app listening on a random loopback port, for attacks that need real sockets and timing. */
export async function startListening(options: Partial<AppOptions> = {}): Promise<TestApp & { url: string }> {
  const t = await startTestApp(options);
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { ...t, url: address };
}

export interface HealthProbe {
  /** Every health answer's latency in ms, in order. */
  latencies: number[];
  statuses: number[];
  stop(): Promise<void>;
}

/**
 * Asks GET /api/health every 50 ms until stopped. The answer timed is the whole round trip through
 * a real socket, so a blocked event loop shows up as a slow answer.
 */
export function probeHealth(url: string): HealthProbe {
  const latencies: number[] = [];
  const statuses: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${url}/api/health`);
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      statuses.push(response.status);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    latencies,
    statuses,
    async stop() {
      running = false;
      await loop;
    },
  };
}

/**
 * Health kept answering while the attack ran: at least a few answers, every one 200, the median within `withinMs`
 * and the slowest within ten times that. Other test files run beside this one on a shared machine and can delay a
 * single probe; an attack that stalls the event loop delays most of them, and fails here.
 */
export function expectHealthy(probe: HealthProbe, withinMs = 200) {
  expect(probe.latencies.length).toBeGreaterThan(0);
  expect(probe.statuses.every((status) => status === 200)).toBe(true);
  const sorted = [...probe.latencies].sort((a, b) => a - b);
  const described = `health latencies ${probe.latencies.map(Math.round).join(', ')} ms`;
  expect(sorted[Math.floor((sorted.length - 1) / 2)]!, described).toBeLessThan(withinMs);
  expect(sorted[sorted.length - 1]!, described).toBeLessThan(withinMs * 10);
}

/** Runs `attack` while probing health; returns its result and how long it took. */
export async function underAttack<T>(
  url: string,
  attack: () => Promise<T>,
): Promise<{ result: T; ms: number; probe: HealthProbe }> {
  const probe = probeHealth(url);
  // Let the probe take one answer before the attack starts.
  await new Promise((resolve) => setTimeout(resolve, 60));
  const started = performance.now();
  try {
    const result = await attack();
    const ms = performance.now() - started;
    // One more probe after the answer, so even an attack shorter than the probe interval is covered.
    await new Promise((resolve) => setTimeout(resolve, 60));
    return { result, ms, probe };
  } finally {
    await probe.stop();
  }
}

export async function registerOver(url: string, role: 'sme' | 'provider', name = `${role} account`) {
  const email = `${role}-${Math.random().toString(36).slice(2)}@example.test`;
  const response = await fetch(`${url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct horse battery', name, role }),
  });
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${await response.text()}`);
  const { user, token } = (await response.json()) as { user: { id: string }; token: string };
  return { id: user.id, email, token, auth: { authorization: `Bearer ${token}` } };
}
