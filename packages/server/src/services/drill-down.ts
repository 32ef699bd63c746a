import type { FirstResponseBand, InboxQuery, RecoverySegment } from '@sori/protocol';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Dialect } from '../db/database.js';
import { millisBetween, ratingScore } from '../db/dialect-sql.js';
import type { Database } from '../db/schema.js';

type Eb = ExpressionBuilder<Database, 'submissions'>;

const HOUR_MS = 3_600_000;
/** Upper edges of the first-response bands, in milliseconds from receipt (an edge belongs to the band below it). */
export const BAND_EDGES_MS = { within_hour: HOUR_MS, within_day: 24 * HOUR_MS, within_week: 7 * 24 * HOUR_MS } as const;

/** The band of a first response `ms` after receipt (`undefined`: never answered). */
export function bandOf(ms: number | undefined): FirstResponseBand {
  if (ms === undefined) return 'never';
  if (ms <= BAND_EDGES_MS.within_hour) return 'within_hour';
  if (ms <= BAND_EDGES_MS.within_day) return 'within_day';
  if (ms <= BAND_EDGES_MS.within_week) return 'within_week';
  return 'over_week';
}

function segmentFilter(eb: Eb, segment: RecoverySegment): Expression<SqlBool> {
  if (segment === 'no_complaint') return eb('kind', '!=', 'complaint');
  const met = segment === 'unresolved' ? eb('resolution_met', 'is', null) : eb('resolution_met', '=', segment === 'resolved_within_target' ? 1 : 0);
  return eb.and([eb('kind', '=', 'complaint'), met]);
}

function bandFilter(eb: Eb, band: FirstResponseBand, dialect: Dialect): Expression<SqlBool> {
  if (band === 'never') return eb('first_response_at', 'is', null);
  const ms = millisBetween(dialect, 'received_at', 'first_response_at');
  const edges = [0, BAND_EDGES_MS.within_hour, BAND_EDGES_MS.within_day, BAND_EDGES_MS.within_week, Number.POSITIVE_INFINITY];
  const index = ['within_hour', 'within_day', 'within_week', 'over_week'].indexOf(band);
  const above = edges[index] ?? 0;
  const upTo = edges[index + 1] ?? Number.POSITIVE_INFINITY;
  const conditions = [eb('first_response_at', 'is not', null)];
  if (index > 0) conditions.push(eb(ms, '>', above));
  if (Number.isFinite(upTo)) conditions.push(eb(ms, '<=', upTo));
  return eb.and(conditions);
}

/**
 * The inbox filters the analysis drills down with — a date range of receipt, a recovery segment,
 * a first-response band, a rating score, no department or product — as one SQL condition, so that a figure's `drill` lists
 * exactly the submissions it counted. `undefined` when the query has none of them.
 */
export function drillDownFilter(query: InboxQuery, dialect: Dialect): ((eb: Eb) => Expression<SqlBool>) | undefined {
  const { from, to, segment, firstResponse, score, without } = query;
  if (!from && !to && !segment && !firstResponse && score === undefined && !without) return undefined;
  return (eb) => {
    const conditions: Expression<SqlBool>[] = [];
    if (from) conditions.push(eb('received_at', '>=', new Date(from).toISOString()));
    if (to) conditions.push(eb('received_at', '<', new Date(to).toISOString()));
    if (segment) conditions.push(segmentFilter(eb, segment));
    if (firstResponse) conditions.push(bandFilter(eb, firstResponse, dialect));
    if (score !== undefined) conditions.push(eb.and([eb('rating', 'is not', null), eb(ratingScore(dialect, 'rating'), '=', score)]));
    if (without) conditions.push(eb(without, 'is', null));
    return eb.and(conditions);
  };
}
