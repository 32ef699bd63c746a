import { locale, t } from './i18n.js';

// Intl formatters are costly to make (ICU data), so each is made once per language.
const cache = new Map<string, unknown>();
function once<T>(key: string, make: () => T): T {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key) as T;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A time relative to `now` in the console's language: "5 minutes ago", "3시간 전". */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const ms = Date.parse(iso) - now;
  const abs = Math.abs(ms);
  // Intl says "this minute" / "현재 분" for 0 minutes; people say "just now" / "방금".
  if (abs < 30_000) return t().app.justNow;
  const [amount, unit]: [number, Intl.RelativeTimeFormatUnit] =
    abs < HOUR ? [ms / MINUTE, 'minute'] : abs < DAY ? [ms / HOUR, 'hour'] : [ms / DAY, 'day'];
  const lang = locale.value;
  return once(`rel:${lang}`, () => new Intl.RelativeTimeFormat(lang, { numeric: 'auto' })).format(Math.round(amount), unit);
}

/** A length of time in the console's language, to the minute: "2 hr 5 min", "2시간 5분". */
export function duration(ms: number): string {
  const lang = locale.value;
  const unit = (u: 'day' | 'hour' | 'minute') => once(`unit:${lang}:${u}`, () => new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'short' }));
  const minutes = Math.max(1, Math.round(Math.abs(ms) / MINUTE));
  if (minutes < 60) return unit('minute').format(minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${unit('hour').format(hours)} ${unit('minute').format(minutes % 60)}` : unit('hour').format(hours);
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${unit('day').format(days)} ${unit('hour').format(hours % 24)}` : unit('day').format(days);
}

/** A date and time, in `lang` (default: the console's language): "Jun 3, 2:05 PM". */
export function dateTime(iso: string, lang: string = locale.value): string {
  let format: Intl.DateTimeFormat;
  try {
    format = once(`dt:${lang}`, () => new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }));
  } catch {
    // A shopper's locale tag Intl does not take (it came from their browser): English then.
    format = once('dt:en', () => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }));
  }
  return format.format(new Date(iso));
}

/** The name of a language in the console's language: `ko` → "Korean" or "한국어"; the tag itself if unknown. */
export function languageName(tag: string): string {
  const lang = locale.value;
  try {
    return once(`lang:${lang}`, () => new Intl.DisplayNames([lang], { type: 'language' })).of(tag.split('-')[0] ?? tag) ?? tag;
  } catch {
    return tag;
  }
}
