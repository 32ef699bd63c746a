import { CompiledQuery, sql, type AliasedRawBuilder, type Transaction } from 'kysely';
import type { Dialect } from './database.js';
import type { Database } from './schema.js';

/** A row to insert: its columns' values as stored (text, numbers or null). */
export type Row = Record<string, string | number | null>;

/** What an insert does when a row breaks a unique constraint. */
export interface InsertOptions {
  /** Skip rows that conflict on these columns (`on conflict (…) do nothing`). */
  skipConflictsOn?: readonly string[];
  /** Answer these columns of the rows inserted (`returning …`); only where they are read back. */
  returning?: readonly string[];
}

const texts = new Map<string, string>();

const quote = (name: string): string => `"${name}"`;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The rows as one JSON text. JSON.stringify writes a lone surrogate (text no UTF-8 can hold) as a
 * `\ud800` escape, which PostgreSQL's JSON refuses; a bound text parameter used to reach the
 * database with U+FFFD in its place, and so it still does, on both engines.
 */
function rowsJson(rows: readonly Row[]): string {
  const json = JSON.stringify(rows);
  if (!/\\u[dD][89a-fA-F]/.test(json)) return json;
  return JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'string' ? value.replace(LONE_SURROGATE, '\ufffd') : value));
}

/**
 * The text of one statement that inserts any number of rows, passed as one JSON parameter: the
 * SQL is the same whatever the number of rows, so it is built once and prepared once (a statement
 * per row count would fill the statement cache), and on PostgreSQL the rows go in one round trip.
 * SQLite reads them with `json_each`, PostgreSQL with `json_populate_recordset` (which takes
 * each column's type from the table).
 */
function insertText(dialect: Dialect, table: string, columns: readonly string[], options: InsertOptions): string {
  const key = `${dialect}\u0000${table}\u0000${columns.join(',')}\u0000${options.skipConflictsOn?.join(',') ?? ''}\u0000${options.returning?.join(',') ?? ''}`;
  let text = texts.get(key);
  if (text) return text;
  const names = columns.map(quote).join(', ');
  const source =
    dialect === 'sqlite'
      ? // `where true`: SQLite's parser needs it between a SELECT and ON CONFLICT.
        `select ${columns.map((c) => `value ->> '${c}'`).join(', ')} from json_each(?) where true`
      : `select ${names} from json_populate_recordset(null::${quote(table)}, $1::json)`;
  text = `insert into ${quote(table)} (${names}) ${source}`;
  if (options.skipConflictsOn) text += ` on conflict (${options.skipConflictsOn.map(quote).join(', ')}) do nothing`;
  if (options.returning) text += ` returning ${options.returning.map(quote).join(', ')}`;
  texts.set(key, text);
  return text;
}

/**
 * Inserts `rows` (all with the columns of the first, in any order) into `table` with one
 * statement, and answers the number inserted and the `returning` columns of those rows.
 *
 * @example await insertRows(trx, 'sqlite', 'events', rows)
 */
export async function insertRows(
  trx: Transaction<Database>,
  dialect: Dialect,
  table: keyof Database & string,
  rows: readonly Row[],
  options: InsertOptions = {},
): Promise<{ inserted: number; rows: Row[] }> {
  const first = rows[0];
  if (!first) return { inserted: 0, rows: [] };
  const text = insertText(dialect, table, Object.keys(first), options);
  const result = await trx.executeQuery<Row>(CompiledQuery.raw(text, [rowsJson(rows)]));
  const inserted = options.returning ? result.rows.length : Number(result.numAffectedRows ?? 0);
  return { inserted, rows: result.rows };
}

/** The SQL type of a column of {@link jsonRows}: PostgreSQL needs it named, SQLite reads JSON's own. */
export type JsonColumnType = 'text' | 'bigint' | 'integer';

/**
 * `rows` as a table named `alias` to select from or join, passed as one JSON parameter (as
 * {@link insertRows} passes them): many lookups in one statement, whatever their number. SQLite
 * reads them with `json_each`, PostgreSQL with `json_to_recordset` and the `columns`' types.
 *
 * @example db.selectFrom(jsonRows<{ reporter_id: string }>(dialect, alias, rows, { reporter_id: 'text' }))
 */
export function jsonRows<T extends Row, A extends string = string>(
  dialect: Dialect,
  alias: A,
  rows: readonly T[],
  columns: { readonly [K in keyof T & string]: JsonColumnType },
): AliasedRawBuilder<T, A> {
  const json = rowsJson(rows);
  const names = Object.keys(columns);
  const table =
    dialect === 'sqlite'
      ? sql<T>`(select ${sql.join(names.map((c) => sql`value ->> ${c} as ${sql.ref(c)}`))} from json_each(${json}))`
      : sql<T>`(select * from json_to_recordset(${json}::json) as r(${sql.join(names.map((c) => sql`${sql.ref(c)} ${sql.raw(columns[c as keyof T & string])}`))}))`;
  return table.as(alias);
}
