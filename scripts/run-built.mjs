/**
 * `pnpm start` and `pnpm lepa`: run the compiled server (server/dist) with plain node, building
 * first only when there is no build yet or a source file is newer than it.
 * Usage: node scripts/run-built.mjs main|cli [arguments of the entry point]
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIsStale, repo } from './build-plan.mjs';

const ENTRIES = { main: 'server/dist/main.js', cli: 'server/dist/cli.js' };
const entry = ENTRIES[process.argv[2]];
if (!entry) {
  console.error(`usage: node scripts/run-built.mjs ${Object.keys(ENTRIES).join('|')} [arguments]`);
  process.exit(2);
}

if (await buildIsStale()) {
  console.log('Sources changed since the last build (or there is none): building first.');
  const build = spawnSync(process.execPath, [join(repo, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The entry point reads its own arguments from process.argv.slice(2): drop the entry name.
process.argv.splice(2, 1);
await import(pathToFileURL(join(repo, entry)).href);
