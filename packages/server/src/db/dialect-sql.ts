import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from './database.js';

/**
 * The few SQL expressions SQLite and PostgreSQL write differently, in one place. Timestamps are
 * ISO 8601 text on both engines (see `schema.ts`).
 */

/** Milliseconds from one timestamp column to another (`null` when either is). */
export function millisBetween(dialect: Dialect, from: string, to: string): RawBuilder<number> {
  return dialect === 'postgres'
    ? sql<number>`(extract(epoch from (${sql.ref(to)}::timestamptz - ${sql.ref(from)}::timestamptz)) * 1000)`
    : // julianday is a double: rounded to whole milliseconds, the two engines agree at the band edges.
      sql<number>`cast(round((julianday(${sql.ref(to)}) - julianday(${sql.ref(from)})) * 86400000) as integer)`;
}

/** The score (1–5) of the rating JSON in `column`. */
export function ratingScore(dialect: Dialect, column: string): RawBuilder<number> {
  return dialect === 'postgres'
    ? sql<number>`((${sql.ref(column)})::json->>'score')::integer`
    : sql<number>`json_extract(${sql.ref(column)}, '$.score')`;
}

/** Whether the rating JSON in `column` would buy again: 1 or 0. */
export function ratingWouldBuyAgain(dialect: Dialect, column: string): RawBuilder<number> {
  return dialect === 'postgres'
    ? sql<number>`(case when ((${sql.ref(column)})::json->>'wouldBuyAgain')::boolean then 1 else 0 end)`
    : sql<number>`(case when json_extract(${sql.ref(column)}, '$.wouldBuyAgain') then 1 else 0 end)`;
}

/** Whether the rating JSON in `column` has a comment. */
export function ratingHasComment(dialect: Dialect, column: string): RawBuilder<boolean> {
  return dialect === 'postgres'
    ? sql<boolean>`((${sql.ref(column)})::json->>'comment') is not null`
    : sql<boolean>`json_extract(${sql.ref(column)}, '$.comment') is not null`;
}

/** The UTC day (`YYYY-MM-DD`) of a timestamp column. */
export function utcDay(column: string): RawBuilder<string> {
  // ISO 8601 text in UTC on both engines: the day is its first ten characters.
  return sql<string>`substr(${sql.ref(column)}, 1, 10)`;
}
