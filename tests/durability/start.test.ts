import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, stopServer } from '../support/server.ts';

/**
 * The embedded default as a newcomer meets it: the real server on an empty
 * data folder serves health, docs and the West Midlands demo lots; a restart
 * keeps the data and does not load the demo twice; LEPA_DEMO_DATA=off starts empty.
 */
describe('starting on embedded PGlite', () => {
  const folders: string[] = [];
  const freshFolder = () => {
    const folder = mkdtempSync(join(tmpdir(), 'lepa-start-'));
    folders.push(folder);
    return folder;
  };
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  async function signIn(url: string, email: string) {
    const response = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'lepa-demo-2027' }),
    });
    expect(response.status).toBe(200);
    return { authorization: `Bearer ${((await response.json()) as { token: string }).token}` };
  }

  async function openLots(url: string, headers: Record<string, string>) {
    const page = (await (await fetch(`${url}/api/lots?status=open&limit=100`, { headers })).json()) as {
      items: { title: string }[];
    };
    return page.items;
  }

  it('loads the demo once and keeps it across a restart', { timeout: 300_000 }, async () => {
    const dataDir = freshFolder();
    const first = await startServer({ LEPA_DATA_DIR: dataDir, LEPA_DEMO_DATA: undefined }, 120_000);
    try {
      const health = (await (await fetch(`${first.url}/api/health`)).json()) as {
        status: string;
        database: { kind: string };
      };
      expect(health).toMatchObject({ status: 'ok', database: { kind: 'pglite', reachable: true } });
      expect((await fetch(`${first.url}/docs/`)).status).toBe(200);
      expect((await fetch(`${first.url}/docs/json`)).status).toBe(200);
      const lots = await openLots(first.url, await signIn(first.url, 'provider1@demo.lepa.test'));
      expect(lots.length).toBeGreaterThanOrEqual(20);
    } finally {
      expect(await stopServer(first)).toBe(0);
    }

    const second = await startServer({ LEPA_DATA_DIR: dataDir, LEPA_DEMO_DATA: undefined }, 120_000);
    try {
      const lots = await openLots(second.url, await signIn(second.url, 'lead@demo.lepa.test'));
      expect(lots.length).toBeGreaterThanOrEqual(20);
      expect(new Set(lots.map((lot) => lot.title)).size).toBe(lots.length);
    } finally {
      await stopServer(second);
    }
  });

  it('starts empty with LEPA_DEMO_DATA=off', { timeout: 180_000 }, async () => {
    const server = await startServer({ LEPA_DATA_DIR: freshFolder(), LEPA_DEMO_DATA: 'off' }, 120_000);
    try {
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'provider1@demo.lepa.test', password: 'lepa-demo-2027' }),
      });
      expect(login.status).toBe(401);
    } finally {
      await stopServer(server);
    }
  });

  it('refuses a bad setting with a clear message and exit code 1', async () => {
    await expect(startServer({ LEPA_DATA_DIR: freshFolder(), LEPA_DEMO_DATA: 'maybe' }, 60_000)).rejects.toThrow(
      /server exited \(1\)[\s\S]*LEPA_DEMO_DATA/,
    );
  });
});
