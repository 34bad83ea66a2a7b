import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { batched } from './batched.ts';

describe('batched', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once per window on every key added in it, each key once', async () => {
    const runs: string[][] = [];
    const add = batched(300, async (keys) => void runs.push(keys));
    add('a');
    add('b');
    add('a');
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(runs).toEqual([['a', 'b']]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toHaveLength(1);
  });

  it('holds keys added during a run for a run after it, never two at once', async () => {
    const runs: string[][] = [];
    let finish = () => {};
    let active = 0;
    const add = batched(100, async (keys) => {
      active += 1;
      expect(active).toBe(1);
      runs.push(keys);
      await new Promise<void>((resolve) => (finish = resolve));
      active -= 1;
    });
    add('a');
    await vi.advanceTimersByTimeAsync(100);
    add('b');
    add('c');
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toEqual([['a']]);
    finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toEqual([['a'], ['b', 'c']]);
    finish();
  });
});
