import { describe, expect, it } from 'vitest';
import { coalescing } from './coalescing.ts';

/** A run that records its items and finishes when the test says so. */
function controlledRuns() {
  const runs: { items: number[]; finish: (error?: Error) => void }[] = [];
  const run = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      runs.push({ items: [...items], finish: (error) => (error ? reject(error) : resolve()) });
    });
  return { runs, run };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('coalescing', () => {
  it('runs a lone item at once, and everything added during a run in one run after it', async () => {
    const { runs, run } = controlledRuns();
    const add = coalescing(run);
    const first = add(1);
    await settle();
    expect(runs.map((r) => r.items)).toEqual([[1]]);

    const waiting = [add(2), add(3), add(4)];
    await settle();
    // Still one run: the next starts only when the first has finished.
    expect(runs).toHaveLength(1);
    runs[0]!.finish();
    await first;
    await settle();
    expect(runs.map((r) => r.items)).toEqual([[1], [2, 3, 4]]);

    const after = add(5);
    runs[1]!.finish();
    await Promise.all(waiting);
    await settle();
    expect(runs.map((r) => r.items)).toEqual([[1], [2, 3, 4], [5]]);
    runs[2]!.finish();
    await after;
  });

  it('fails the callers of a failed run only, and goes on with the next', async () => {
    const { runs, run } = controlledRuns();
    const add = coalescing(run);
    const failing = add(1);
    await settle();
    const next = add(2);
    runs[0]!.finish(new Error('database away'));
    await expect(failing).rejects.toThrow('database away');
    await settle();
    expect(runs.map((r) => r.items)).toEqual([[1], [2]]);
    runs[1]!.finish();
    await expect(next).resolves.toBeUndefined();
  });
});
