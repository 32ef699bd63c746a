import { effect, signal } from '@preact/signals';
import { storage } from '../ui/storage.js';
import en, { type Strings } from './en.js';
import ko from './ko.js';

/** Languages of the console. */
export const LOCALES = ['en', 'ko'] as const;
/** One of {@link LOCALES}. */
export type Locale = (typeof LOCALES)[number];

const STRINGS: Readonly<Record<Locale, Strings>> = { en, ko };
const KEY = 'sori.console.locale';

/** The language a locale tag such as `ko-KR` names, if the console speaks it. */
export function localeOf(tag: string | undefined): Locale | undefined {
  const base = tag?.toLowerCase().split('-')[0];
  return LOCALES.find((l) => l === base);
}

function initial(): Locale {
  const kept = storage.get<string>(KEY);
  if (kept && localeOf(kept)) return localeOf(kept) as Locale;
  for (const tag of typeof navigator === 'object' ? navigator.languages ?? [navigator.language] : []) {
    const known = localeOf(tag);
    if (known) return known;
  }
  return 'en';
}

/** The console's language: the browser's first one it speaks, until the person picks one (kept). */
export const locale = signal<Locale>(initial());

/** Picks the console's language and keeps the choice. */
export function setLocale(next: Locale): void {
  locale.value = next;
  storage.set(KEY, next);
}

effect(() => {
  document.documentElement.lang = locale.value;
});

/** The strings of the console's language; reading them in a component redraws it when the language changes. */
export const t = (): Strings => STRINGS[locale.value];

/** The strings of a shopper's language (`ko-KR` → Korean), for text the shopper reads; English otherwise. */
export const stringsFor = (tag: string | undefined): Strings => STRINGS[localeOf(tag) ?? 'en'];
