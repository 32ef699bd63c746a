import {
  DEFAULT_SLA_MINUTES,
  FIRST_RESPONSE_BANDS,
  KINDS,
  RECOVERY_SEGMENTS,
  type Analysis,
  type AnalysisInterval,
  type AnalysisQuery,
  type DrillDown,
  type FollowUpOutcome,
  type Kind,
  type Portion,
  type Rating,
  type RecoverySegment,
} from '@sori/protocol';
import type { Kysely, Selectable } from 'kysely';
import type { Database, SubmissionTable } from '../db/schema.js';
import { errors } from '../errors.js';
import { percentile } from './analytics.js';
import { bandOf } from './drill-down.js';
import { segmentOf } from './recovery.js';
import { canSeeSite, inUserSites } from './site-scope.js';
import { resolutionMinutes, type SiteSettings } from './sites.js';
import type { User } from './users.js';

/** The columns the analysis reads: no shopper text but the rating, so 100,000 rows stay light. */
const COLUMNS = [
  'id', 'tracking_number', 'kind', 'department', 'product', 'assignee_id', 'received_at', 'expected_response_by',
  'first_response_at', 'resolved_at', 'resolution_met', 'rating', 'rated_at', 'follow_up_outcome',
] as const;
type Row = Pick<Selectable<SubmissionTable>, (typeof COLUMNS)[number]> & {
  /** The rating, parsed once. */
  parsed?: Rating | undefined;
};

/** Buckets of volume over time a range may have: beyond, a wider interval reads better. */
const MAX_BUCKETS = 1000;
const DAY_MS = 86_400_000;

const portion = (count: number, of: number): Portion => ({ count, share: of === 0 ? null : Math.round((count / of) * 1000) / 1000 });
const zeroKinds = (): Record<Kind, number> => ({ inquiry: 0, complaint: 0, praise: 0, suggestion: 0 });
const average = (values: number[]) => (values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 : null);
const minutes = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

/** The start of the bucket of `interval` that `at` falls in (UTC; weeks start on Monday). */
function bucketStart(at: Date, interval: AnalysisInterval): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  if (interval === 'day') return day;
  if (interval === 'month') return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
}

function nextBucket(start: Date, interval: AnalysisInterval): Date {
  if (interval === 'day') return new Date(start.getTime() + DAY_MS);
  if (interval === 'week') return new Date(start.getTime() + 7 * DAY_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50) ?? null, p90: percentile(sorted, 90) ?? null };
}

/** Rows grouped by a key, in first-seen order with `null` last. */
function groupBy<K extends string | null>(rows: Row[], key: (row: Row) => K): Array<[K, Row[]]> {
  const groups = new Map<K, Row[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return [...groups].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
}

/** Reads the range's rows once; every figure is computed from them, so they agree with each other. */
async function rowsIn(db: Kysely<Database>, user: User, from: string, to: string, siteId: string | undefined): Promise<Row[]> {
  let q = db.selectFrom('submissions').select(COLUMNS).where(inUserSites(user)).where('received_at', '>=', from).where('received_at', '<', to);
  if (siteId) q = q.where('site_id', '=', siteId);
  const rows: Row[] = await q.orderBy('received_at').execute();
  for (const row of rows) if (row.rating) row.parsed = JSON.parse(row.rating) as Rating;
  return rows;
}

async function kindCounts(db: Kysely<Database>, user: User, from: string, to: string, siteId: string | undefined): Promise<Record<Kind, number>> {
  let q = db
    .selectFrom('submissions')
    .where(inUserSites(user))
    .select((eb) => ['kind', eb.fn.countAll<number>().as('count')])
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .groupBy('kind');
  if (siteId) q = q.where('site_id', '=', siteId);
  const counts = zeroKinds();
  for (const row of await q.execute()) counts[row.kind] = Number(row.count);
  return counts;
}

async function settingsOf(db: Kysely<Database>, user: User, siteId: string | undefined): Promise<SiteSettings> {
  if (!siteId) return {};
  if (!canSeeSite(user, siteId)) throw errors.invalid(`No site has id ${siteId}`, 'siteId');
  const site = await db.selectFrom('sites').select('settings').where('id', '=', siteId).executeTakeFirst();
  if (!site) throw errors.invalid(`No site has id ${siteId}`, 'siteId');
  return JSON.parse(site.settings) as SiteSettings;
}

function ratingOf(row: Row): Rating | undefined {
  return row.parsed;
}

/**
 * The VOC analysis of `[from, to)` (step 9): volumes by kind over time, product × kind and
 * department; first-response bands against the site's targets and the survey reference;
 * resolution times; first-response compliance by kind, department and assignee; the recovery
 * segments with satisfaction, repurchase intent and follow-up outcomes; CSAT 1–5; comments.
 * Each figure carries the inbox query (`drill`) that lists the submissions behind it.
 */
export async function analysis(db: Kysely<Database>, query: AnalysisQuery, user: User, now = new Date()): Promise<Analysis> {
  const fromDate = new Date(query.from);
  const toDate = new Date(query.to);
  if (!(fromDate < toDate)) throw errors.invalid('"to" must come after "from"', 'to');
  const interval = query.interval ?? 'day';
  const from = fromDate.toISOString();
  const to = toDate.toISOString();
  const base: DrillDown = { from, to, ...(query.siteId ? { siteId: query.siteId } : {}) };
  const drill = (extra: Record<string, string | null | undefined>): DrillDown => {
    const out: DrillDown = { ...base };
    for (const [k, v] of Object.entries(extra)) if (v !== null && v !== undefined) out[k] = v;
    return out;
  };

  const buckets: Analysis['volume'] = [];
  for (let start = bucketStart(fromDate, interval); start < toDate; start = nextBucket(start, interval)) {
    if (buckets.length === MAX_BUCKETS) throw errors.invalid(`A range of more than ${MAX_BUCKETS} ${interval}s: choose a wider interval`, 'interval');
    const end = nextBucket(start, interval);
    const lo = (start < fromDate ? fromDate : start).toISOString();
    const hi = (end > toDate ? toDate : end).toISOString();
    buckets.push({ start: start.toISOString(), end: end.toISOString(), total: 0, byKind: zeroKinds(), drill: { ...base, from: lo, to: hi } });
  }

  const [settings, rows, previousCounts] = await Promise.all([
    settingsOf(db, user, query.siteId),
    rowsIn(db, user, from, to, query.siteId),
    query.compare ? kindCounts(db, user, new Date(2 * fromDate.getTime() - toDate.getTime()).toISOString(), from, query.siteId) : undefined,
  ]);

  const byKind = zeroKinds();
  let bucket = 0;
  // Oldest first, as read: each bucket is filled in turn.
  for (const row of rows) {
    byKind[row.kind]++;
    while (bucket < buckets.length - 1 && row.received_at >= (buckets[bucket]?.end ?? '')) bucket++;
    const b = buckets[bucket];
    if (b) {
      b.total++;
      b.byKind[row.kind]++;
    }
  }

  const productKind = groupBy(rows, (r) => `${r.product ?? '\u0000'}\u0001${r.kind}`).map(([key, group]) => {
    const [product = '', kind] = key.split('\u0001');
    const first = group[0];
    return {
      product: product === '\u0000' ? null : product,
      kind: (first?.kind ?? kind) as Kind,
      count: group.length,
      drill: drill({ product: first?.product, kind: first?.kind }),
    };
  });

  const bands = new Map(FIRST_RESPONSE_BANDS.map((band) => [band, 0]));
  const firstResponses: number[] = [];
  const resolutions: number[] = [];
  for (const row of rows) {
    const ms = row.first_response_at ? Date.parse(row.first_response_at) - Date.parse(row.received_at) : undefined;
    if (ms !== undefined) firstResponses.push(ms / 60_000);
    const band = bandOf(ms);
    bands.set(band, (bands.get(band) ?? 0) + 1);
    if (row.resolved_at) resolutions.push(minutes(row.received_at, row.resolved_at));
  }

  const nowIso = now.toISOString();
  const compliance = (key: (r: Row) => string | null, filter: (k: string | null) => Record<string, string | null | undefined>) =>
    groupBy(rows, key).map(([k, group]) => {
      let due = 0;
      let met = 0;
      for (const r of group) {
        if (r.first_response_at) {
          due++;
          if (r.first_response_at <= r.expected_response_by) met++;
        } else if (r.expected_response_by < nowIso) due++;
      }
      return { key: k, due, met: portion(met, due), drill: drill(filter(k)) };
    });

  const csatRow = (key: string | null, group: Row[], filter: Record<string, string | null | undefined>) => {
    const scores = [0, 0, 0, 0, 0];
    const values: number[] = [];
    for (const r of group) {
      const rating = ratingOf(r);
      if (!rating) continue;
      scores[rating.score - 1] = (scores[rating.score - 1] ?? 0) + 1;
      values.push(rating.score);
    }
    return { key, scores, count: values.length, average: average(values), drill: drill(filter) };
  };
  const rated = rows.filter((r) => r.rating !== null);
  const csatBy = (key: (r: Row) => string | null, filter: (k: string | null) => Record<string, string | null | undefined>) =>
    groupBy(rated, key).map(([k, group]) => csatRow(k, group, filter(k)));

  const segments = new Map<RecoverySegment, Row[]>(RECOVERY_SEGMENTS.map((s) => [s, []]));
  for (const row of rows) segments.get(segmentOf(row))?.push(row);
  const recovery = RECOVERY_SEGMENTS.map((segment) => {
    const group = segments.get(segment) ?? [];
    const ratings = group.flatMap((r) => ratingOf(r) ?? []);
    const followUps: Record<FollowUpOutcome, number> = { reached_satisfied: 0, reached_not_satisfied: 0, no_answer: 0 };
    for (const r of group) if (r.follow_up_outcome) followUps[r.follow_up_outcome]++;
    return {
      segment,
      portion: portion(group.length, rows.length),
      ratings: ratings.length,
      satisfaction: average(ratings.map((r) => r.score)),
      wouldBuyAgain: portion(ratings.filter((r) => r.wouldBuyAgain).length, ratings.length),
      followUps,
      drill: drill({ segment }),
    };
  });

  const comments = rated
    .flatMap((r) => {
      const rating = ratingOf(r);
      return rating?.comment
        ? [{ submissionId: r.id, trackingNumber: r.tracking_number, kind: r.kind, score: rating.score, wouldBuyAgain: rating.wouldBuyAgain, comment: rating.comment, at: r.rated_at ?? r.received_at }]
        : [];
    })
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, 50);

  const departments = groupBy(rows, (r) => r.department).map(([department, group]) => ({
    department,
    count: group.length,
    complaints: group.filter((r) => r.kind === 'complaint').length,
    drill: drill({ department }),
  }));
  const targets = (target: (kind: Kind) => number) => Object.fromEntries(KINDS.map((k) => [k, target(k)])) as Record<Kind, number>;

  return {
    from,
    to,
    interval,
    total: rows.length,
    byKind: KINDS.map((kind) => ({ kind, count: byKind[kind], ...(previousCounts ? { previous: previousCounts[kind] } : {}), drill: drill({ kind }) })),
    ...(previousCounts
      ? {
          previous: {
            from: new Date(2 * fromDate.getTime() - toDate.getTime()).toISOString(),
            to: from,
            total: Object.values(previousCounts).reduce((a, b) => a + b, 0),
            byKind: previousCounts,
          },
        }
      : {}),
    volume: buckets,
    productKind,
    departments,
    firstResponse: {
      targetMinutes: targets((k) => settings.slaMinutes?.[k] ?? DEFAULT_SLA_MINUTES[k]),
      ...percentiles(firstResponses),
      bands: FIRST_RESPONSE_BANDS.map((band) => ({ band, portion: portion(bands.get(band) ?? 0, rows.length), drill: drill({ firstResponse: band }) })),
    },
    resolution: { targetMinutes: targets((k) => resolutionMinutes({ settings }, k)), ...percentiles(resolutions) },
    compliance: {
      byKind: compliance((r) => r.kind, (k) => ({ kind: k })),
      byDepartment: compliance((r) => r.department, (k) => ({ department: k })),
      byAssignee: compliance((r) => r.assignee_id, (k) => ({ assignee: k ?? 'none' })),
    },
    recovery,
    csat: {
      overall: csatRow(null, rated, {}),
      byKind: csatBy((r) => r.kind, (k) => ({ kind: k })),
      byDepartment: csatBy((r) => r.department, (k) => ({ department: k })),
      byAssignee: csatBy((r) => r.assignee_id, (k) => ({ assignee: k ?? 'none' })),
    },
    comments,
  };
}
