import { WEEKDAYS, type BusinessHours } from '@sori/protocol';

/**
 * Clocks that count only a site's business hours: weekly opening spans on the site's own clock
 * (an IANA time zone, daylight saving included), minus holidays. Pure: no database, no `Date.now()`.
 * A site without business hours (`undefined`), or with no opening span at all, is always open, as
 * every site was before business hours existed.
 */
export type Hours = BusinessHours | undefined;

const MINUTE = 60_000;
/** How far ahead a clock looks for the next opening before deciding the site never opens. */
const MAX_DAYS = 800;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether `timeZone` is an IANA time zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** A calendar date on the site's clock. */
interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** The wall-clock reading of instant `ms` in `timeZone`, as if that reading were UTC. */
function wallClock(timeZone: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
}

/** The offset of `timeZone` from UTC at instant `ms`, in milliseconds (seconds dropped). */
function offsetAt(timeZone: string, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallClock(timeZone, whole) - whole;
}

/**
 * The instant at which the site's clock reads `minutes` past midnight of `date`. A reading that
 * does not exist (the hour skipped when clocks go forward) comes out shifted by the skip; one that
 * exists twice (clocks go back) is its first occurrence.
 */
function instantOf(timeZone: string, date: LocalDate, minutes: number): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * MINUTE;
  const first = wall - offsetAt(timeZone, wall);
  const second = wall - offsetAt(timeZone, first);
  // Of two candidates, the earlier one whose wall clock reads right is the first occurrence.
  const candidates = [first, second].filter((t) => wallClock(timeZone, t) === wall).sort((a, b) => a - b);
  return candidates[0] ?? second;
}

function localDateOf(timeZone: string, ms: number): LocalDate {
  const wall = new Date(wallClock(timeZone, ms));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

function nextDay(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

function isoDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function clockMinutes(time: string): number {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
}

function hasOpenings(hours: BusinessHours): boolean {
  return WEEKDAYS.some((day) => (hours.weekly[day] ?? []).some((span) => clockMinutes(span.to) > clockMinutes(span.from)));
}

/** The opening intervals of one local day, as instants `[start, end)`, in order. */
function openingsOn(hours: BusinessHours, date: LocalDate): Array<[number, number]> {
  if (hours.holidays.includes(isoDate(date))) return [];
  const weekday = WEEKDAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()];
  const spans = weekday ? (hours.weekly[weekday] ?? []) : [];
  return spans
    .map((span): [number, number] => [instantOf(hours.timeZone, date, clockMinutes(span.from)), instantOf(hours.timeZone, date, clockMinutes(span.to))])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
}

/** Opening intervals from the local day of `fromMs` on, clipped to start no earlier than it. */
function* openingsFrom(hours: BusinessHours, fromMs: number): Generator<[number, number]> {
  let date = localDateOf(hours.timeZone, fromMs);
  for (let i = 0; i < MAX_DAYS; i += 1) {
    for (const [start, end] of openingsOn(hours, date)) {
      if (end > fromMs) yield [Math.max(start, fromMs), end];
    }
    date = nextDay(date);
  }
}

function alwaysOpen(hours: Hours): hours is undefined {
  return hours === undefined || !hasOpenings(hours);
}

/**
 * The instant `minutes` business minutes after `from`: the due time of a target. Always open:
 * `from` plus `minutes`.
 * @example addBusinessMinutes(hours, new Date('2026-12-04T17:30:00+09:00'), 60) // Monday 09:30 in Seoul, for Mon–Fri 09:00–18:00
 */
export function addBusinessMinutes(hours: Hours, from: Date, minutes: number): Date {
  if (alwaysOpen(hours)) return new Date(from.getTime() + minutes * MINUTE);
  let left = minutes * MINUTE;
  let last = from.getTime();
  for (const [start, end] of openingsFrom(hours, from.getTime())) {
    if (left <= end - start) return new Date(start + left);
    left -= end - start;
    last = end;
  }
  // Fewer openings within MAX_DAYS than the target needs (holidays all year?): count the rest plainly.
  return new Date(last + left);
}

/** Business minutes between `from` and `to` (0 if `to` is not after `from`); fractions kept. */
export function businessMinutesBetween(hours: Hours, from: Date, to: Date): number {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (toMs <= fromMs) return 0;
  if (alwaysOpen(hours)) return (toMs - fromMs) / MINUTE;
  let total = 0;
  for (const [start, end] of openingsFrom(hours, fromMs)) {
    if (start >= toMs) break;
    total += Math.min(end, toMs) - start;
  }
  return total / MINUTE;
}

/** Whether the site is within its business hours at `at`. */
export function isOpen(hours: Hours, at: Date): boolean {
  return nextOpening(hours, at).getTime() === at.getTime();
}

/** When the site is next open: `at` itself if open then. */
export function nextOpening(hours: Hours, at: Date): Date {
  if (alwaysOpen(hours)) return at;
  const first = openingsFrom(hours, at.getTime()).next();
  return first.done ? at : new Date(first.value[0]);
}
