import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { RUNNING, startServer, stopServer } from '../support/server.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** `pnpm build` through the pnpm running this suite when there is one, else the script it names. */
function buildCommand(): [string, string[]] {
  const pnpm = process.env.npm_execpath;
  return pnpm && /pnpm/.test(pnpm)
    ? [process.execPath, [pnpm, 'build']]
    : [process.execPath, [join(repo, 'scripts', 'build.mjs')]];
}

/**
 * The production path: `pnpm build` compiles the server and its workspace packages to JavaScript
 * and bundles the client; plain `node` (Node 20 runs no TypeScript) then serves both from the build,
 * finding the migrations and the OCDS schemas; `pnpm start` does not build again while the build is fresh.
 */
describe('the built server', () => {
  const folders: string[] = [];
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('builds, then serves the client and the API with plain node', { timeout: 600_000 }, async () => {
    const [command, args] = buildCommand();
    await run(command, args, { cwd: repo, maxBuffer: 16 * 1024 * 1024 });

    const dataDir = mkdtempSync(join(tmpdir(), 'lepa-built-'));
    folders.push(dataDir);
    const first = await startServer({ LEPA_DATA_DIR: dataDir }, 120_000, [], {
      script: 'server/dist/main.js',
      ready: RUNNING,
    });
    try {
      const page = await fetch(`${first.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<script type="module"[^>]+src="\/assets\/[^"]+\.js"/);
      expect(await (await fetch(`${first.url}/api/health`)).json()).toMatchObject({ status: 'ok' });
      expect((await fetch(`${first.url}/docs/json`)).status).toBe(200);

      const login = await fetch(`${first.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'provider1@demo.lepa.test', password: 'lepa-demo-2027' }),
      });
      const { token } = (await login.json()) as { token: string };
      const authorization = `Bearer ${token}`;
      const lots = (await (await fetch(`${first.url}/api/lots?limit=100`, { headers: { authorization } })).json()) as {
        items: { id: string }[];
      };
      expect(lots.items.length).toBeGreaterThan(0);
      const proposals = await fetch(`${first.url}/api/lots/${lots.items[0]!.id}/proposals`, {
        headers: { authorization },
      });
      expect(proposals.status).toBe(200);
      // The OCDS export validates against the schemas copied beside the compiled code.
      expect(
        (await fetch(`${first.url}/api/lots/${lots.items[0]!.id}/ocds`, { headers: { authorization } })).status,
      ).toBe(200);
    } finally {
      expect(await stopServer(first)).toBe(0);
    }

    // `pnpm start` on a fresh build and an existing data folder: no rebuild, running within seconds.
    const started = Date.now();
    const again = await startServer({ LEPA_DATA_DIR: dataDir }, 120_000, [], {
      script: 'scripts/run-built.mjs',
      args: ['main'],
      ready: RUNNING,
    });
    const startupMs = Date.now() - started;
    try {
      expect(again.lines.join('\n')).not.toMatch(/building first/);
      console.log(`pnpm start on an existing data folder: running after ${startupMs} ms`);
    } finally {
      expect(await stopServer(again)).toBe(0);
    }
  });
});
