/**
 * `pnpm build`: compiles the workspace packages to JavaScript in their dist/ folders (tsc, type
 * checking left to `pnpm typecheck`), copies the files the server reads at run time (the OCDS
 * schemas, anything in src that is not TypeScript) beside them, and bundles the client with Vite.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { BUILD_STAMP, PACKAGE_STAGES, repo } from './build-plan.mjs';

const run = promisify(execFile);
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
const vite = join(repo, 'client', 'node_modules', 'vite', 'bin', 'vite.js');
/** The e2e tests build the client too (tests/e2e/client-build.ts): the same lock keeps two builds out of one folder. */
const CLIENT_LOCK = join(repo, 'client', 'node_modules', '.e2e-build-lock');
const STALE_LOCK_MS = 120_000;

async function compilePackage(pkg) {
  const dir = join(repo, pkg);
  await rm(join(dir, 'dist'), { recursive: true, force: true });
  await run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.build.json')], { cwd: dir });
  await copyAssets(join(dir, 'src'), join(dir, 'dist'));
}

/** Non-TypeScript files under src (JSON schemas, data) go where the compiled code looks for them. */
async function copyAssets(from, to) {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (entry.isDirectory()) await copyAssets(source, join(to, entry.name));
    else if (!/\.tsx?$/.test(entry.name)) {
      await mkdir(to, { recursive: true });
      await cp(source, join(to, entry.name));
    }
  }
}

async function withClientLock(work) {
  for (;;) {
    try {
      await mkdir(CLIENT_LOCK);
      break;
    } catch {
      const held = await stat(CLIENT_LOCK).catch(() => null);
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) await rm(CLIENT_LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    await rm(CLIENT_LOCK, { recursive: true, force: true });
  }
}

async function buildClient() {
  await withClientLock(() =>
    run(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: join(repo, 'client') }),
  );
}

async function buildServer() {
  for (const stage of PACKAGE_STAGES) await Promise.all(stage.map(compilePackage));
}

const started = Date.now();
try {
  await Promise.all([buildServer(), buildClient()]);
} catch (error) {
  console.error(`Build failed: ${error.stderr || error.stdout || error.message}`);
  process.exit(1);
}
await writeFile(BUILD_STAMP, `${new Date().toISOString()}\n`);
console.log(
  `Built ${PACKAGE_STAGES.flat().join(', ')} and the client in ${((Date.now() - started) / 1000).toFixed(1)} s (${relative(repo, BUILD_STAMP)}).`,
);
