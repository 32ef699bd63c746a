/** Made once: creating an Intl formatter loads locale data, which costs tens of milliseconds. */
let formatter: Intl.RelativeTimeFormat | undefined;

/**
 * Makes the formatter ahead of need. The page's first Intl formatter costs Chromium 40–90 ms on a
 * slow machine (ICU starting up): better in an idle task of its own than in the one that shows
 * the first submission after a send.
 */
export function prepare(locale: string): Intl.RelativeTimeFormat {
  return (formatter ??= new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
}

/** A time relative to now in the shopper's language: "5 minutes ago", "in 2 hours", "어제". */
export function relative(iso: string, locale: string): string {
  const seconds = (Date.parse(iso) - Date.now()) / 1000;
  const [amount, unit]: [number, Intl.RelativeTimeFormatUnit] =
    Math.abs(seconds) < 3e3 ? [seconds / 60, 'minute'] : Math.abs(seconds) < 8e4 ? [seconds / 3600, 'hour'] : [seconds / 86400, 'day'];
  return prepare(locale).format(Math.round(amount), unit);
}
