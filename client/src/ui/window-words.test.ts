import { describe, expect, it } from 'vitest';
import { windowWords } from './window-words.ts';

describe('lot windows in words', () => {
  it('names the months the work falls in', () => {
    expect(windowWords('2027-03-01', '2027-03-31')).toBe('Mar 2027');
    expect(windowWords('2027-01-01', '2027-03-01')).toBe('Jan–Feb 2027');
    expect(windowWords('2026-12-01', '2027-02-01')).toBe('Dec 2026–Jan 2027');
  });
});
