/** How long live news (lots posted near my firms) gathers before the lists it concerns reload once. */
export const LIVE_NEWS_WINDOW_MS = 300;

/**
 * Collects keys for `delayMs`, then runs `work` once on all of them; keys that arrive while it runs
 * wait for the next run, which starts `delayMs` after it ends. So a burst of live news (a provider
 * importing many lots at once) costs one reload per window instead of one per message, and reloads
 * never overlap (a slower earlier answer can then never overwrite a newer one).
 */
export function batched(delayMs: number, work: (keys: string[]) => Promise<void>): (key: string) => void {
  const pending = new Set<string>();
  let waiting = false;
  let running = false;

  function schedule() {
    if (waiting || running || pending.size === 0) return;
    waiting = true;
    setTimeout(() => void run(), delayMs);
  }

  async function run() {
    waiting = false;
    running = true;
    const keys = [...pending];
    pending.clear();
    try {
      await work(keys);
    } finally {
      running = false;
      schedule();
    }
  }

  return (key) => {
    pending.add(key);
    schedule();
  };
}
