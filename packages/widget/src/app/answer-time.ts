import type { Strings } from '../locales/en.js';

/** Made once: creating an Intl formatter loads locale data, which costs tens of milliseconds. */
let made: { locale: string; clock: Intl.DateTimeFormat; days: Intl.RelativeTimeFormat } | undefined;

/**
 * Makes the formatters ahead of need. The page's first Intl formatter costs Chromium 40–90 ms on a
 * slow machine (ICU starting up): better in an idle task of its own than in the one that shows
 * the expected answer after a tap.
 */
export function prepare(locale: string): NonNullable<typeof made> {
  if (made?.locale !== locale) made = { locale, clock: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }), days: new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }) };
  return made;
}

/** Midnight of a time's day on this device's clock. */
const midnight = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();

/**
 * By when the shopper can expect an answer, on their own clock and in their language: "We answer
 * by 10:00 tomorrow", "월요일 10:00까지 답변드려요". The server has counted the site's business
 * hours into `iso` already; today and tomorrow are said as words, the rest of the week by
 * weekday, later by date.
 */
export function answerBy(iso: string, locale: string, t: Strings): string {
  const { clock, days } = prepare(locale);
  const at = new Date(iso);
  // Rounded: a day with a daylight-saving change is 23 or 25 hours long.
  const ahead = Math.round((midnight(at) - midnight(new Date())) / 864e5);
  const day = ahead < 2 ? days.format(ahead, 'day') : at.toLocaleDateString(locale, ahead < 7 ? { weekday: 'long' } : { month: 'short', day: 'numeric' });
  return t.expected(clock.format(at), day);
}
