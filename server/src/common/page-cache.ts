/**
 * Recent answers of a list query, keyed by everything that shapes them, for
 * read-heavy lists whose every write is announced: the owner clears it on
 * each write here and on each broadcast of a write elsewhere.
 */
export function createPageCache<T>(maxEntries: number) {
  const pages = new Map<string, T>();
  return {
    get: (key: string) => pages.get(key),
    set(key: string, page: T) {
      // Maps iterate in insertion order, so the first key is the oldest entry.
      if (pages.size >= maxEntries) pages.delete(pages.keys().next().value as string);
      pages.set(key, page);
    },
    clear: () => pages.clear(),
  };
}
export type PageCache<T> = ReturnType<typeof createPageCache<T>>;
