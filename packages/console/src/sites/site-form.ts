/**
 * The checks the site settings form makes before it sends anything: the server checks the same
 * and names the field it refuses, but a mistake said at the field while typing is quicker to fix.
 * Each check answers a message key of `t().sites.errors`, or `undefined` when the value is fine.
 */

/** Why an origin was refused here: one of the keys of `t().sites.errors`. */
export type OriginProblem = 'originEmpty' | 'originNotUrl' | 'originScheme' | 'originPath' | 'originDuplicate';

/**
 * Reads what a person typed as an origin, the way browsers send it (`https://shop.example.com`,
 * no path, no trailing slash), or says why it is not one.
 */
export function readOrigin(typed: string, existing: readonly string[]): { origin: string } | { problem: OriginProblem } {
  const text = typed.trim();
  if (!text) return { problem: 'originEmpty' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'originNotUrl' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: 'originScheme' };
  // A path, query or fragment means a page was pasted, not an origin; "/" alone is fine.
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) return { problem: 'originPath' };
  if (existing.includes(url.origin)) return { problem: 'originDuplicate' };
  return { origin: url.origin };
}

/** One item per line (or comma) of a pasted list, trimmed, without blanks or repeats. */
export function readPastedList(text: string, existing: readonly string[] = []): string[] {
  const seen = new Set(existing);
  const out: string[] = [];
  for (const part of text.split(/[\n\r,;\t]+/)) {
    const item = part.trim();
    if (item && !seen.has(item)) {
      seen.add(item);
      out.push(item);
    }
  }
  return out;
}

/** Minutes from a `HH:MM` field value, or `undefined` when it is not one. */
export function minutesOf(time: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** Why a day's hours were refused: one of the keys of `t().sites.errors`. */
export type HoursProblem = 'hoursFormat' | 'hoursOrder' | 'hoursOverlap';

/** Checks one day's opening hours: both times given, and closing after opening. */
export function checkHours(open: string, close: string): HoursProblem | undefined {
  const from = minutesOf(open);
  const to = minutesOf(close);
  if (from === undefined || to === undefined) return 'hoursFormat';
  return to > from ? undefined : 'hoursOrder';
}

/** A day's opening spans in the order they open. */
export function inOpeningOrder<S extends { from: string; to: string }>(spans: readonly S[]): S[] {
  return [...spans].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** Checks a day's opening spans: each as {@link checkHours} does, and none overlapping another. */
export function checkSpans(spans: ReadonlyArray<{ from: string; to: string }>): HoursProblem | undefined {
  for (const span of spans) {
    const problem = checkHours(span.from, span.to);
    if (problem) return problem;
  }
  const sorted = inOpeningOrder(spans);
  return sorted.some((span, i) => i > 0 && span.from < (sorted[i - 1]?.to ?? '')) ? 'hoursOverlap' : undefined;
}

/** `time` (HH:MM) `minutes` later, at most 23:59. */
export function laterBy(time: string, minutes: number): string {
  const total = Math.min((minutesOf(time) ?? 0) + minutes, 23 * 60 + 59);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** Whether the runtime knows `zone` as an IANA time zone (`Asia/Seoul`). */
export function isTimeZone(zone: string): boolean {
  if (!zone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A whole number of minutes from hours and minutes fields; `undefined` unless positive. */
export function targetMinutes(hours: number, minutes: number): number | undefined {
  if (!Number.isInteger(hours) || !Number.isInteger(minutes) || hours < 0 || minutes < 0) return undefined;
  const total = hours * 60 + minutes;
  return total > 0 ? total : undefined;
}

/** The script tag a site owner pastes into their pages, exactly. */
export function scriptTag(endpoint: string, key: string, locale?: string): string {
  const origin = endpoint.replace(/\/+$/, '');
  return `<script async src="${origin}/sori.js" data-site="${key}"${locale ? ` data-locale="${locale}"` : ''}></script>`;
}
