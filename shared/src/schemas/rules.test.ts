import { describe, expect, it } from 'vitest';
import { isWholePennies } from './rules.ts';

describe('isWholePennies', () => {
  it('accepts pound amounts with at most two decimals as JSON writes them', () => {
    for (const amount of [0, 1, 19.99, 19.9, 0.01, 19_999.99, 10_000_000, JSON.parse('19.990')]) {
      expect(isWholePennies(amount), String(amount)).toBe(true);
    }
  });
  it('refuses finer amounts, float noise and non-finite numbers', () => {
    for (const amount of [19.999, 0.1 + 0.2, 0.005, 19_999.995, 1e-7, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(isWholePennies(amount), String(amount)).toBe(false);
    }
  });
});
