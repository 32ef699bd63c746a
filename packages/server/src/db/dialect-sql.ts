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
