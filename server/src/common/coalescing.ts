/**
 * Runs `run` on everything added while the previous run was in flight, one run
 * at a time: under load many callers share one statement (one round trip, one
 * transaction) instead of each sending its own; alone, a caller runs at once.
 * A caller's promise settles with the run that took its item. Items added
 * during a run wait for that run to end, so a run always starts after every
 * one of its callers asked (for a write, after that caller's commit).
 */
export function coalescing<T>(run: (items: T[]) => Promise<void>): (item: T) => Promise<void> {
  let next: { items: T[]; done: Promise<void> } | undefined;
  let running: Promise<void> = Promise.resolve();

  return (item) => {
    if (!next) {
      const batch: { items: T[]; done?: Promise<void> } = { items: [] };
      batch.done = running.then(() => {
        // From here on, new items go to the batch after this one.
        if (next === batch) next = undefined;
        return run(batch.items);
      });
      running = batch.done.catch(() => {});
      next = batch as { items: T[]; done: Promise<void> };
    }
    next.items.push(item);
    return next.done;
  };
}
