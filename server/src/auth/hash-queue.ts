import { busy } from '../common/errors.ts';
import { queueDepth } from '../infra/metrics.ts';

/**
 * At most `concurrency` password hashes at once and at most `maxWaiting` queued behind them;
 * the rest are refused (429 with Retry-After) at once. scrypt runs on libuv's thread pool, which
 * file and DNS work share: unbounded sign-ins would fill it and every core, and starve the rest.
 */
export function createHashQueue(options: { concurrency: number; maxWaiting: number }) {
  let running = 0;
  let maxWaiting = options.maxWaiting;
  const waiting: (() => void)[] = [];
  const depth = queueDepth.labels('password_hashing');

  const next = () => {
    running -= 1;
    waiting.shift()?.();
    depth.set(waiting.length);
  };

  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (running >= options.concurrency) {
        if (waiting.length >= maxWaiting)
          throw busy('Too many sign-ins are being checked right now; try again in a moment', 2);
        await new Promise<void>((resolve) => waiting.push(resolve));
        depth.set(waiting.length);
      }
      running += 1;
      try {
        return await work();
      } finally {
        next();
      }
    },
    setMaxWaiting(value: number) {
      maxWaiting = value;
    },
    get waiting() {
      return waiting.length;
    },
  };
}
