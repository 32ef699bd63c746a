import { SiteSettings } from '@sori/protocol';
import { describe, expect, it } from 'vitest';
import en from '../../src/i18n/en.js';
import ko from '../../src/i18n/ko.js';
import { localeOf, stringsFor } from '../../src/i18n/i18n.js';

const keys = (o: object): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v).map((sub) => `${k}.${sub}`) : [k])).sort();

/** Every string of a locale, functions called with sample arguments. */
const texts = (o: object): string[] =>
  Object.values(o).flatMap((v) => (typeof v === 'function' ? [String(v('x', 'y', 'z'))] : v && typeof v === 'object' ? texts(v) : [String(v)]));

describe('Locales', () => {
  it('name every setting a site’s history can list, in words of each language', () => {
    for (const key of ['name', 'origins', ...Object.keys(SiteSettings.properties)]) {
      expect(ko.sites.settingName(key), key).not.toBe(key);
      expect(en.sites.settingName(key), key).not.toMatch(/[A-Z]/);
    }
    expect([en.sites.historyAction('updated'), ko.sites.historyAction('updated')]).toEqual(['changed', '바꾸었습니다']);
  });

  it('have the same keys in English and Korean', () => {
    expect(keys(ko)).toEqual(keys(en));
  });

  it('are all filled in, in both languages', () => {
    for (const list of [texts(en), texts(ko)]) for (const text of list) expect(text.trim()).not.toBe('');
    expect(texts(ko).filter((text) => /[가-힣]/.test(text)).length).toBeGreaterThan(texts(ko).length / 2);
  });

  it('map a shopper’s locale tag to the language spoken to them', () => {
    expect(localeOf('ko-KR')).toBe('ko');
    expect(localeOf('EN-gb')).toBe('en');
    expect(localeOf('fr')).toBeUndefined();
    expect(stringsFor('ko-KR').shopper.genericName).toBe('고객');
    expect(stringsFor('fr-FR').shopper.genericName).toBe('valued customer');
  });
});
