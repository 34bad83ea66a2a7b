/** What `pnpm build` compiles and from which sources; shared by the build and by `pnpm start`'s staleness check. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = fileURLToPath(new URL('..', import.meta.url));

/** Workspace packages compiled by tsc, in dependency order: each stage needs the declarations of the ones before. */
export const PACKAGE_STAGES = [['shared'], ['db', 'server/engine'], ['server']];

/** Written last by a successful build: the build is as new as this file. */
export const BUILD_STAMP = join(repo, 'server', 'dist', '.build-stamp');

/** Everything the built output is made from. */
export const SOURCES = [
  ...PACKAGE_STAGES.flat().flatMap((pkg) => [
    join(repo, pkg, 'src'),
    join(repo, pkg, 'package.json'),
    join(repo, pkg, 'tsconfig.json'),
    join(repo, pkg, 'tsconfig.build.json'),
  ]),
  join(repo, 'client', 'src'),
  join(repo, 'client', 'index.html'),
  join(repo, 'client', 'vite.config.ts'),
  join(repo, 'client', 'package.json'),
  join(repo, 'docs'),
  join(repo, 'tsconfig.base.json'),
];

export async function newestMtime(path) {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestMtime(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/** True when there is no build yet or a source changed after it. */
export async function buildIsStale() {
  const built = await stat(BUILD_STAMP).catch(() => null);
  if (!built) return true;
  const newest = Math.max(...(await Promise.all(SOURCES.map(newestMtime))));
  return newest > built.mtimeMs;
}
