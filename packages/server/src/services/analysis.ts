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
} from '@sori/protocol';
import type { Kysely } from 'kysely';
import { dialectOf, type Dialect } from '../db/database.js';
import { millisBetween, ratingHasComment, ratingScore, ratingWouldBuyAgain, utcDay } from '../db/dialect-sql.js';
import type { Database } from '../db/schema.js';
import { errors } from '../errors.js';
import { percentile } from './analytics.js';
import { bandOf } from './drill-down.js';
import { segmentOf } from './recovery.js';
import { canSeeSite, inSites, visibleSites } from './site-scope.js';
import { resolutionMinutes, type SiteSettings } from './sites.js';
import type { User } from './users.js';

/** Buckets of volume over time a range may have: beyond, a wider interval reads better. */
const MAX_BUCKETS = 1000;
const DAY_MS = 86_400_000;

const portion = (count: number, of: number): Portion => ({ count, share: of === 0 ? null : Math.round((count / of) * 1000) / 1000 });
const zeroKinds = (): Record<Kind, number> => ({ inquiry: 0, complaint: 0, praise: 0, suggestion: 0 });

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

/** Aggregated rows folded into one figure per key, in key order with `null` last. */
function foldBy<R, K extends string | null, A>(rows: readonly R[], key: (row: R) => K, start: () => A, add: (into: A, row: R) => void): Array<[K, A]> {
  const groups = new Map<K, A>();
  for (const row of rows) {
    const k = key(row);
    let into = groups.get(k);
    if (into === undefined) groups.set(k, (into = start()));
    add(into, row);
  }
  return [...groups].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
}

/** What the analysis counts: the submissions of some sites received in `[from, to)`. */
interface Scope {
  db: Kysely<Database>;
  siteIds: readonly string[];
  from: string;
  to: string;
}

/**
 * The sites a figure counts, named one by one even for an admin (every site): each query then
 * reads the range of each site from `submissions_analysis`, whose columns answer it without a
 * lookup of the row (migration 0008).
 */
async function sitesOf(db: Kysely<Database>, user: User, siteId: string | undefined): Promise<readonly string[]> {
  if (siteId) return [siteId];
  return visibleSites(user) ?? (await db.selectFrom('sites').select('id').orderBy('id').execute()).map((s) => s.id);
}

function inScope({ db, siteIds, from, to }: Scope) {
  return db
    .selectFrom('submissions')
    .where(inSites(siteIds))
    .where('received_at', '>=', from)
    .where('received_at', '<', to);
}

async function kindCounts(scope: Scope): Promise<Record<Kind, number>> {
  const rows = await inScope(scope)
    .select((eb) => ['kind', eb.fn.countAll().as('n')])
    .groupBy('kind')
    .execute();
  const counts = zeroKinds();
  for (const row of rows) counts[row.kind] = Number(row.n);
  return counts;
}

async function settingsOf(db: Kysely<Database>, user: User, siteId: string | undefined): Promise<SiteSettings> {
  if (!siteId) return {};
  if (!canSeeSite(user, siteId)) throw errors.invalid(`No site has id ${siteId}`, 'siteId');
  const site = await db.selectFrom('sites').select('settings').where('id', '=', siteId).executeTakeFirst();
  if (!site) throw errors.invalid(`No site has id ${siteId}`, 'siteId');
  return JSON.parse(site.settings) as SiteSettings;
}

/**
 * The range's submissions counted by engine, a grouping per query, so that only figures cross
 * to JavaScript (reading 76,000 rows into objects took longer than all the counting). Numbers
 * come back as text from PostgreSQL's bigint sums: every one goes through `Number`.
 */
function counts(scope: Scope, dialect: Dialect, now: string) {
  const rated = () => inScope(scope).where('rating', 'is not', null);
  return Promise.all([
    // Volume: per UTC day and kind, folded into the interval's buckets.
    inScope(scope)
      .select((eb) => [utcDay('received_at').as('day'), 'kind', eb.fn.countAll().as('n')])
      .groupBy([utcDay('received_at'), 'kind'])
      .execute(),
    inScope(scope)
      .select((eb) => ['product', 'kind', eb.fn.countAll().as('n')])
      .groupBy(['product', 'kind'])
      .execute(),
    // The desk's figures: departments, compliance, recovery segments and follow-up outcomes.
    inScope(scope)
      .select((eb) => [
        'kind', 'department', 'assignee_id', 'resolution_met', 'follow_up_outcome',
        eb.fn.countAll().as('n'),
        // Due: answered, or unanswered past its time; met: answered in time.
        eb.fn.sum(eb.case().when('first_response_at', 'is not', null).then(1).when('expected_response_by', '<', now).then(1).else(0).end()).as('due'),
        eb.fn.sum(eb.case().when('first_response_at', '<=', eb.ref('expected_response_by')).then(1).else(0).end()).as('met'),
      ])
      .groupBy(['kind', 'department', 'assignee_id', 'resolution_met', 'follow_up_outcome'])
      .execute(),
    // Times to first response and to resolution, for their bands and percentiles.
    inScope(scope)
      .select([millisBetween(dialect, 'received_at', 'first_response_at').as('first'), millisBetween(dialect, 'received_at', 'resolved_at').as('resolved')])
      .where((eb) => eb.or([eb('first_response_at', 'is not', null), eb('resolved_at', 'is not', null)]))
      .execute(),
    rated()
      .select((eb) => [
        'kind', 'department', 'assignee_id', 'resolution_met',
        ratingScore(dialect, 'rating').as('score'),
        ratingWouldBuyAgain(dialect, 'rating').as('again'),
        eb.fn.countAll().as('n'),
      ])
      .groupBy(['kind', 'department', 'assignee_id', 'resolution_met', ratingScore(dialect, 'rating'), ratingWouldBuyAgain(dialect, 'rating')])
      .execute(),
    rated()
      .where(ratingHasComment(dialect, 'rating'))
      .select(['id', 'tracking_number', 'kind', 'rating', 'rated_at', 'received_at'])
      .orderBy((eb) => eb.fn.coalesce('rated_at', 'received_at'), 'desc')
      .orderBy('received_at')
      .orderBy('id')
      .limit(50)
      .execute(),
  ]);
}

type Counts = Awaited<ReturnType<typeof counts>>;
type Rated = Counts[4][number];

interface Csat {
  scores: number[];
  count: number;
  sum: number;
}
const noCsat = (): Csat => ({ scores: [0, 0, 0, 0, 0], count: 0, sum: 0 });
function addRating(into: Csat, row: Rated): void {
  const score = Number(row.score);
  const n = Number(row.n);
  into.scores[score - 1] = (into.scores[score - 1] ?? 0) + n;
  into.count += n;
  into.sum += score * n;
}
const averageOf = ({ count, sum }: { count: number; sum: number }) => (count ? Math.round((sum / count) * 100) / 100 : null);

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
  /** The drill-down of a figure; a `null` department or product lists those without one. */
  const drill = (extra: Record<string, string | null | undefined>): DrillDown => {
    const out: DrillDown = { ...base };
    for (const [k, v] of Object.entries(extra)) {
      if (v !== null && v !== undefined) out[k] = v;
      else if (v === null && (k === 'department' || k === 'product')) out.without = k;
    }
    return out;
  };

  const buckets: Analysis['volume'] = [];
  const bucketAt = new Map<string, Analysis['volume'][number]>();
  for (let start = bucketStart(fromDate, interval); start < toDate; start = nextBucket(start, interval)) {
    if (buckets.length === MAX_BUCKETS) throw errors.invalid(`A range of more than ${MAX_BUCKETS} ${interval}s: choose a wider interval`, 'interval');
    const end = nextBucket(start, interval);
    const lo = (start < fromDate ? fromDate : start).toISOString();
    const hi = (end > toDate ? toDate : end).toISOString();
    const bucket = { start: start.toISOString(), end: end.toISOString(), total: 0, byKind: zeroKinds(), drill: { ...base, from: lo, to: hi } };
    buckets.push(bucket);
    bucketAt.set(bucket.start, bucket);
  }

  const settings = await settingsOf(db, user, query.siteId);
  const siteIds = await sitesOf(db, user, query.siteId);
  const previousFrom = new Date(2 * fromDate.getTime() - toDate.getTime()).toISOString();
  const [[days, products, desk, times, rated, commented], previousCounts] = await Promise.all([
    counts({ db, siteIds, from, to }, dialectOf(db), now.toISOString()),
    query.compare ? kindCounts({ db, siteIds, from: previousFrom, to: from }) : undefined,
  ]);

  const byKind = zeroKinds();
  for (const row of days) {
    const n = Number(row.n);
    byKind[row.kind] += n;
    const bucket = bucketAt.get(bucketStart(new Date(`${row.day}T00:00:00.000Z`), interval).toISOString());
    if (bucket) {
      bucket.total += n;
      bucket.byKind[row.kind] += n;
    }
  }
  const total = Object.values(byKind).reduce((a, b) => a + b, 0);

  const productKind = foldBy(
    products,
    (r) => `${r.product ?? '\u0000'}\u0001${r.kind}`,
    () => ({ product: null as string | null, kind: 'inquiry' as Kind, count: 0 }),
    (into, r) => {
      into.product = r.product;
      into.kind = r.kind;
      into.count += Number(r.n);
    },
  ).map(([, { product, kind, count }]) => ({ product, kind, count, drill: drill({ product, kind }) }));

  const bands = new Map(FIRST_RESPONSE_BANDS.map((band) => [band, 0]));
  const firstResponses: number[] = [];
  const resolutions: number[] = [];
  for (const row of times) {
    if (row.first !== null) {
      const ms = Number(row.first);
      firstResponses.push(ms / 60_000);
      const band = bandOf(ms);
      bands.set(band, (bands.get(band) ?? 0) + 1);
    }
    if (row.resolved !== null) resolutions.push(Number(row.resolved) / 60_000);
  }
  bands.set('never', total - firstResponses.length);

  const compliance = (key: (r: Counts[2][number]) => string | null, filter: (k: string | null) => Record<string, string | null | undefined>) =>
    foldBy(desk, key, () => ({ due: 0, met: 0 }), (into, r) => {
      into.due += Number(r.due);
      into.met += Number(r.met);
    }).map(([k, { due, met }]) => ({ key: k, due, met: portion(met, due), drill: drill(filter(k)) }));

  const csatRow = (key: string | null, csat: Csat, filter: Record<string, string | null | undefined>) => ({
    key,
    scores: csat.scores,
    count: csat.count,
    average: averageOf(csat),
    drill: drill(filter),
  });
  const csatBy = (key: (r: Rated) => string | null, filter: (k: string | null) => Record<string, string | null | undefined>) =>
    foldBy(rated, key, noCsat, addRating).map(([k, csat]) => csatRow(k, csat, filter(k)));
  const overall = noCsat();
  for (const row of rated) addRating(overall, row);

  const recovery = RECOVERY_SEGMENTS.map((segment) => {
    let count = 0;
    const followUps: Record<FollowUpOutcome, number> = { reached_satisfied: 0, reached_not_satisfied: 0, no_answer: 0 };
    for (const r of desk) {
      if (segmentOf(r) !== segment) continue;
      count += Number(r.n);
      if (r.follow_up_outcome) followUps[r.follow_up_outcome] += Number(r.n);
    }
    const ratings = { count: 0, sum: 0, again: 0 };
    for (const r of rated) {
      if (segmentOf(r) !== segment) continue;
      ratings.count += Number(r.n);
      ratings.sum += Number(r.score) * Number(r.n);
      ratings.again += Number(r.again) * Number(r.n);
    }
    return {
      segment,
      portion: portion(count, total),
      ratings: ratings.count,
      satisfaction: averageOf(ratings),
      wouldBuyAgain: portion(ratings.again, ratings.count),
      followUps,
      drill: drill({ segment }),
    };
  });

  const comments = commented.flatMap((r) => {
    const rating = r.rating ? (JSON.parse(r.rating) as Rating) : undefined;
    return rating?.comment
      ? [{ submissionId: r.id, trackingNumber: r.tracking_number, kind: r.kind, score: rating.score, wouldBuyAgain: rating.wouldBuyAgain, comment: rating.comment, at: r.rated_at ?? r.received_at }]
      : [];
  });

  const departments = foldBy(desk, (r) => r.department, () => ({ count: 0, complaints: 0 }), (into, r) => {
    into.count += Number(r.n);
    if (r.kind === 'complaint') into.complaints += Number(r.n);
  }).map(([department, { count, complaints }]) => ({ department, count, complaints, drill: drill({ department }) }));
  const targets = (target: (kind: Kind) => number) => Object.fromEntries(KINDS.map((k) => [k, target(k)])) as Record<Kind, number>;

  return {
    from,
    to,
    interval,
    total,
    byKind: KINDS.map((kind) => ({ kind, count: byKind[kind], ...(previousCounts ? { previous: previousCounts[kind] } : {}), drill: drill({ kind }) })),
    ...(previousCounts
      ? { previous: { from: previousFrom, to: from, total: Object.values(previousCounts).reduce((a, b) => a + b, 0), byKind: previousCounts } }
      : {}),
    volume: buckets,
    productKind,
    departments,
    firstResponse: {
      targetMinutes: targets((k) => settings.slaMinutes?.[k] ?? DEFAULT_SLA_MINUTES[k]),
      ...percentiles(firstResponses),
      bands: FIRST_RESPONSE_BANDS.map((band) => ({ band, portion: portion(bands.get(band) ?? 0, total), drill: drill({ firstResponse: band }) })),
    },
    resolution: { targetMinutes: targets((k) => resolutionMinutes({ settings }, k)), ...percentiles(resolutions) },
    compliance: {
      byKind: compliance((r) => r.kind, (k) => ({ kind: k })),
      byDepartment: compliance((r) => r.department, (k) => ({ department: k })),
      byAssignee: compliance((r) => r.assignee_id, (k) => ({ assignee: k ?? 'none' })),
    },
    recovery,
    csat: {
      overall: csatRow(null, overall, {}),
      byKind: csatBy((r) => r.kind, (k) => ({ kind: k })),
      byDepartment: csatBy((r) => r.department, (k) => ({ department: k })),
      byAssignee: csatBy((r) => r.assignee_id, (k) => ({ assignee: k ?? 'none' })),
    },
    comments,
  };
}
