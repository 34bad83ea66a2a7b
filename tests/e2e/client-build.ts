import { execFile } from 'node:child_process';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const client = join(repo, 'client');
const builtIndex = join(client, 'dist', 'index.html');
/** What the bundle is made from; a change to any of them makes client/dist stale. */
const SOURCES = [
  join(client, 'src'),
  join(client, 'index.html'),
  join(client, 'vite.config.ts'),
  join(client, 'package.json'),
  join(repo, 'shared', 'src'),
];
const LOCK = join(client, 'node_modules', '.e2e-build-lock');
/** A lock older than this was left by a killed run. */
const STALE_LOCK_MS = 120_000;

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestMtime(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

async function isStale(): Promise<boolean> {
  const built = await stat(builtIndex).catch(() => null);
  if (!built) return true;
  const newest = Math.max(...(await Promise.all(SOURCES.map(newestMtime))));
  return newest > built.mtimeMs;
}

async function acquireLock(): Promise<void> {
  for (;;) {
    try {
      await mkdir(LOCK);
      return;
    } catch {
      const held = await stat(LOCK).catch(() => null);
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) await rm(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/**
 * Runs `vite build` when client/dist is missing or older than its sources.
 * Test files run in parallel workers, so a directory lock lets one build
 * while the others wait and then find the bundle fresh.
 */
export async function ensureClientBuilt(): Promise<void> {
  if (!(await isStale())) return;
  await acquireLock();
  try {
    if (!(await isStale())) return;
    const vite = join(client, 'node_modules', 'vite', 'bin', 'vite.js');
    await promisify(execFile)(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: client });
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}
