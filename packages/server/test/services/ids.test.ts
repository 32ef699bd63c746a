import { describe, expect, it } from 'vitest';
import { newId, trackingNumber } from '../../src/services/ids.js';

describe('ids', () => {
  it('makes UUIDv7 ids that sort in the order they were made and never repeat', () => {
    const ids = Array.from({ length: 20_000 }, newId);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('puts the time of making in the first 48 bits', () => {
    const before = Date.now();
    const id = newId();
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThan(before + 60_000);
  });

  it('makes tracking numbers of Crockford base-32 that do not repeat', () => {
    const numbers = Array.from({ length: 5_000 }, trackingNumber);
    for (const n of numbers) expect(n).toMatch(/^SR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
