import type { Analytics, AnalyticsQuery, Rating } from '@sori/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { SubmissionRow } from './submissions.js';
import { inUserSites } from './site-scope.js';
import type { User } from './users.js';

const HOUR = 60;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Submissions received in the query's range, oldest first. */
export async function submissionsInRange(db: Kysely<Database>, query: AnalyticsQuery, user: User): Promise<SubmissionRow[]> {
  let q = db.selectFrom('submissions').selectAll().where(inUserSites(user));
  if (query.from) q = q.where('received_at', '>=', new Date(query.from).toISOString());
  if (query.to) q = q.where('received_at', '<', new Date(query.to).toISOString());
  if (query.siteId) q = q.where('site_id', '=', query.siteId);
  return q.orderBy('received_at').execute();
}

function minutesBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 60_000;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return Math.round((sorted[Math.max(0, rank)] ?? 0) * 10) / 10;
}

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p90 = percentile(sorted, 90);
  return { count: sorted.length, ...(p50 !== undefined ? { p50 } : {}), ...(p90 !== undefined ? { p90 } : {}) };
}

function share(count: number, of: number) {
  return { count, share: of === 0 ? 0 : Math.round((count / of) * 1000) / 1000 };
}

/**
 * The VOC analysis over a date range: volumes by kind, status, department and product; how fast
 * staff answered and resolved; SLA compliance; satisfaction; and repurchase intent by how the
 * submission went — the service-recovery comparison. Computed in one pass over the range's rows.
 */
export function analyse(rows: SubmissionRow[], query: AnalyticsQuery, now = new Date()): Analytics {
  const counts = new Map<string, Analytics['counts'][number]>();
  const firstResponses: number[] = [];
  const resolutions: number[] = [];
  const answered = { withinHour: 0, withinDay: 0, withinWeek: 0, later: 0, never: 0 };
  let slaMet = 0;
  let slaDue = 0;
  const scores: number[] = [];
  const segments = { noComplaint: [0, 0], resolvedQuickly: [0, 0], resolvedLate: [0, 0], unresolved: [0, 0] };

  for (const row of rows) {
    const key = [row.kind, row.status, row.department, row.product].join('\u0000');
    const entry = counts.get(key) ?? {
      kind: row.kind,
      status: row.status,
      department: row.department,
      product: row.product,
      count: 0,
    };
    entry.count++;
    counts.set(key, entry);

    if (row.first_response_at) {
      const minutes = minutesBetween(row.received_at, row.first_response_at);
      firstResponses.push(minutes);
      if (minutes <= HOUR) answered.withinHour++;
      else if (minutes <= DAY) answered.withinDay++;
      else if (minutes <= WEEK) answered.withinWeek++;
      else answered.later++;
      slaDue++;
      if (row.first_response_at <= row.expected_response_by) slaMet++;
    } else {
      answered.never++;
      if (row.expected_response_by < now.toISOString()) slaDue++;
    }
    if (row.resolved_at) resolutions.push(minutesBetween(row.received_at, row.resolved_at));

    if (row.rating) {
      const rating = JSON.parse(row.rating) as Rating;
      scores.push(rating.score);
      const segment =
        row.kind !== 'complaint'
          ? segments.noComplaint
          : row.resolved_at && minutesBetween(row.received_at, row.resolved_at) <= DAY
            ? segments.resolvedQuickly
            : row.resolved_at
              ? segments.resolvedLate
              : segments.unresolved;
      segment[0] = (segment[0] ?? 0) + 1;
      if (rating.wouldBuyAgain) segment[1] = (segment[1] ?? 0) + 1;
    }
  }

  const total = rows.length;
  const average = scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : undefined;
  const bySegment = (s: number[]) => share(s[1] ?? 0, s[0] ?? 0);
  return {
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
    total,
    counts: [...counts.values()].sort((a, b) => b.count - a.count),
    firstResponseMinutes: percentiles(firstResponses),
    resolutionMinutes: percentiles(resolutions),
    answered: {
      withinHour: share(answered.withinHour, total),
      withinDay: share(answered.withinDay, total),
      withinWeek: share(answered.withinWeek, total),
      later: share(answered.later, total),
      never: share(answered.never, total),
    },
    slaCompliance: share(slaMet, slaDue),
    csat: {
      count: scores.length,
      ...(average !== undefined ? { average } : {}),
      satisfied: share(scores.filter((s) => s >= 4).length, scores.length),
    },
    wouldBuyAgain: {
      noComplaint: bySegment(segments.noComplaint),
      resolvedQuickly: bySegment(segments.resolvedQuickly),
      resolvedLate: bySegment(segments.resolvedLate),
      unresolved: bySegment(segments.unresolved),
    },
  };
}

const CSV_COLUMNS = [
  'tracking_number', 'kind', 'status', 'department', 'product', 'order_ref', 'message', 'contact_preference',
  'received_at', 'expected_response_by', 'first_response_at', 'resolved_at', 'closed_reason', 'rating', 'spam_reason',
] as const;

/**
 * One CSV cell: every text quoted, whatever it holds — a spreadsheet set to split on `;` (most
 * European locales) would otherwise cut `a;=1+2` into a cell that starts a formula — and a
 * leading `=`, `+`, `-`, `@`, tab or CR defused with `'`, so that a shopper's text never runs as
 * a formula. Numbers go as they are.
 */
export function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${text.replaceAll('"', '""')}"`;
}

/** The range's submissions as CSV (RFC 4180, CRLF line ends). */
export function toCsv(rows: SubmissionRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) {
    const rating = row.rating ? (JSON.parse(row.rating) as Rating).score : null;
    lines.push(CSV_COLUMNS.map((c) => cell(c === 'rating' ? rating : row[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
