import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectHealthy, registerOver, startListening, underAttack } from './support.ts';

/**
 * Issue 13, item 1: a release package of 6,000 empty releases (18 KB) stalled /api/health for
 * 4.1 s; 100,000 (300 KB) left the server unresponsive for over 10 minutes (Ajv allErrors plus a
 * quadratic uniqueItems). Now releases are checked one at a time, checking stops after 100
 * issues, duplicates are found by hashing, and the check yields to other requests.
 */
describe('OCDS import of many empty releases', () => {
  let t: Awaited<ReturnType<typeof startListening>>;
  let provider: Awaited<ReturnType<typeof registerOver>>;

  const post = (body: string) =>
    fetch(`${t.url}/api/lots/import/ocds`, {
      method: 'POST',
      headers: { ...provider.auth, 'content-type': 'application/json' },
      body,
    });
  const emptyReleases = (count: number) =>
    `{"uri":"https://example.test/p","publishedDate":"2026-01-01T00:00:00Z","version":"1.1","releases":[${Array(count).fill('{}').join(',')}]}`;

  beforeAll(async () => {
    t = await startListening();
    provider = await registerOver(t.url, 'provider');
    // Compiling the OCDS schema is a one-off at the first import (about a second); not the attack.
    await post(emptyReleases(1));
  });
  afterAll(async () => t?.close());

  it.each([
    [6_000, 18_000],
    [100_000, 300_000],
  ])('%i empty releases: a 400 with at most 100 issues within 2 s, health within 200 ms', async (count, bytes) => {
    const body = emptyReleases(count);
    expect(body.length).toBeGreaterThanOrEqual(bytes);
    const { result, ms, probe } = await underAttack(t.url, async () => {
      const response = await post(body);
      return {
        status: response.status,
        body: (await response.json()) as { error: { details: unknown[]; message: string } },
      };
    });
    expect(result.status).toBe(400);
    expect(result.body.error.details.length).toBeLessThanOrEqual(100);
    expect(result.body.error.message).toMatch(/checking stopped after \d+ issues/);
    expect(ms).toBeLessThan(2000);
    expectHealthy(probe);
  });

  it('a package repeating one release is refused by hashing, not by comparing every pair', async () => {
    const release = {
      ocid: 'ocds-abc-1',
      id: '1',
      date: '2026-01-01T00:00:00Z',
      tag: ['tender'],
      initiationType: 'tender',
    };
    const body = JSON.stringify({
      uri: 'https://example.test/p',
      publishedDate: '2026-01-01T00:00:00Z',
      version: '1.1',
      releases: Array(20_000).fill(release),
    });
    const { result, ms, probe } = await underAttack(t.url, async () => {
      const response = await post(body);
      return { status: response.status, text: await response.text() };
    });
    expect(result.status).toBe(400);
    expect(result.text).toContain('is the same release as /releases/0');
    expect(ms).toBeLessThan(2000);
    expectHealthy(probe);
  });
});
