import { describe, expect, it } from 'vitest';
import { backoff } from '../src/backoff.js';

describe('backoff', () => {
  it('grows from about a second to the cap and never past it', () => {
    for (let i = 0; i < 50; i++) {
      expect(backoff(1, 300_000)).toBeGreaterThanOrEqual(500);
      expect(backoff(1, 300_000)).toBeLessThanOrEqual(1000);
      expect(backoff(40, 300_000)).toBeGreaterThanOrEqual(150_000);
      expect(backoff(40, 300_000)).toBeLessThanOrEqual(300_000);
    }
  });

  it('keeps a day offline to a bounded number of attempts, with no busy loop', () => {
    const day = 24 * 60 * 60_000;
    let elapsed = 0;
    let attempts = 0;
    while (elapsed < day) elapsed += backoff(++attempts, 300_000);
    // At worst half the 5-minute cap between tries once it is reached: under 600 a day.
    expect(attempts).toBeLessThan(600);
    expect(attempts).toBeGreaterThan(280);
  });
});
