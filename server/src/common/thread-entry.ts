/**
 * The file a worker-thread pool loads. Built, the compiled task beside the
 * pool (`<task>.js`); from sources (tsx), an entry that registers the
 * TypeScript loader first (`<entry>.mjs`), since worker threads do not
 * inherit it. `base` is the pool module's `import.meta.url`.
 */
export function threadEntry(base: string, task: string, sourceEntry: string): string {
  const compiled = base.endsWith('.js');
  return new URL(compiled ? `./${task}.js` : `./${sourceEntry}.mjs`, base).href;
}
