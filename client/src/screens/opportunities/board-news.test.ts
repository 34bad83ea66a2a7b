import { describe, expect, it } from 'vitest';
import { boardsMoved } from './board-news.ts';

describe('boardsMoved', () => {
  it('is news only when a board seen before moves on, not when one first arrives', () => {
    const seen = new Map<string, number>();
    expect(boardsMoved(seen, new Map([['a', 0]]))).toBe(false);
    expect(boardsMoved(seen, new Map([['a', 3]]))).toBe(false);
    // A lot that joined the list: its first snapshot is what the list was loaded with.
    expect(
      boardsMoved(
        seen,
        new Map([
          ['a', 3],
          ['b', 0],
        ]),
      ),
    ).toBe(false);
    expect(
      boardsMoved(
        seen,
        new Map([
          ['a', 3],
          ['b', 1],
        ]),
      ),
    ).toBe(false);
    expect(
      boardsMoved(
        seen,
        new Map([
          ['a', 4],
          ['b', 1],
        ]),
      ),
    ).toBe(true);
    expect(
      boardsMoved(
        seen,
        new Map([
          ['a', 4],
          ['b', 1],
        ]),
      ),
    ).toBe(false);
  });
});
