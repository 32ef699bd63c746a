import { describe, expect, it } from 'vitest';
import { WindowLimiter } from '../../src/services/window-limiter.js';

describe('a window limiter', () => {
  it('answers how long to wait once a key had its tries, and starts over when the window ends', () => {
    const limiter = new WindowLimiter({ max: 2, windowMs: 60_000 });
    expect(limiter.hit('a', 0)).toBeUndefined();
    expect(limiter.hit('a', 1000)).toBeUndefined();
    expect(limiter.hit('a', 30_000)).toBe(30);
    expect(limiter.hit('b', 30_000)).toBeUndefined();
    expect(limiter.hit('a', 60_000)).toBeUndefined();
  });

  it('remembers at most its bound of keys, however many are made up', () => {
    const limiter = new WindowLimiter({ max: 10, windowMs: 60_000, keys: 100 });
    for (let i = 0; i < 2000; i++) limiter.hit(`made-up-${i}@example.com`);
    expect(limiter.size).toBe(100);
  });
});
