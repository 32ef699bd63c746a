import { describe, expect, it } from 'vitest';
import en from '../../src/locales/en.js';
import ko from '../../src/locales/ko.js';

describe('locales', () => {
  it('have the same keys in English and Korean', () => {
    const keys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v).map((sub) => `${k}.${sub}`) : [k])).sort();
    expect(keys(ko)).toEqual(keys(en));
  });
});
