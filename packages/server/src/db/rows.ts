import { CompiledQuery, sql, type AliasedRawBuilder, type QueryResult, type Transaction } from 'kysely';
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
 * Row counts of the statements SQLite gets a batch in: one prepared statement per size, so the
 * statement cache stays small, and a batch of 26 takes three (16 + 8 + 2).
 */
const SQLITE_SIZES = [64, 32, 16, 8, 4, 2, 1] as const;

/**
 * The text of one insert of many rows. On PostgreSQL the rows are one JSON parameter, read with
 * `json_populate_recordset` (which takes each column's type from the table): the same SQL
 * whatever the number of rows, one round trip. SQLite runs in this process, so round trips cost
 * nothing there, but reading each column back out of JSON did (about 60 µs a submission row of
 * 34 columns, against bound values): it gets `size` rows of bound values.
 */
function insertText(dialect: Dialect, table: string, columns: readonly string[], options: InsertOptions, size: number): string {
  // PostgreSQL's text is the same for any number of rows: it is asked for with size 0.
  const key = `${dialect}\u0000${table}\u0000${columns.join(',')}\u0000${options.skipConflictsOn?.join(',') ?? ''}\u0000${options.returning?.join(',') ?? ''}\u0000${size}`;
  let text = texts.get(key);
  if (text) return text;
  const names = columns.map(quote).join(', ');
  const row = `(${columns.map(() => '?').join(', ')})`;
  const source =
    dialect === 'sqlite'
      ? `values ${Array.from({ length: size }, () => row).join(', ')}`
      : `select ${names} from json_populate_recordset(null::${quote(table)}, $1::json)`;
  text = `insert into ${quote(table)} (${names}) ${source}`;
  if (options.skipConflictsOn) text += ` on conflict (${options.skipConflictsOn.map(quote).join(', ')}) do nothing`;
  if (options.returning) text += ` returning ${options.returning.map(quote).join(', ')}`;
  texts.set(key, text);
  return text;
}

/**
 * Inserts `rows` (all with the columns of the first, in any order) into `table` with one
 * statement (on SQLite, one per size of {@link SQLITE_SIZES} the batch needs), and answers the number inserted and the `returning` columns of those rows.
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
  const columns = Object.keys(first);
  const answer = { inserted: 0, rows: [] as Row[] };
  const add = (result: QueryResult<Row>) => {
    answer.inserted += options.returning ? result.rows.length : Number(result.numAffectedRows ?? 0);
    answer.rows.push(...result.rows);
  };
  if (dialect === 'postgres') {
    add(await trx.executeQuery<Row>(CompiledQuery.raw(insertText(dialect, table, columns, options, 0), [rowsJson(rows)])));
    return answer;
  }
  for (let start = 0; start < rows.length; ) {
    const size = SQLITE_SIZES.find((s) => s <= rows.length - start) ?? 1;
    // A bound string reaches SQLite as UTF-8, a lone surrogate as U+FFFD: as the JSON text does.
    const values = rows.slice(start, start + size).flatMap((row) => columns.map((c) => row[c] ?? null));
    add(await trx.executeQuery<Row>(CompiledQuery.raw(insertText(dialect, table, columns, options, size), values)));
    start += size;
  }
  return answer;
}

/** The SQL type of a column of {@link jsonRows}: PostgreSQL needs it named, SQLite reads JSON's own. */
export type JsonColumnType = 'text' | 'bigint' | 'integer';

/**
 * `rows` as a table named `alias` to select from or join, passed as one JSON parameter (as
 * {@link insertRows} passes rows to PostgreSQL): many lookups in one statement, whatever their
 * number. SQLite reads them with `json_each` (a few columns each: cheap to read back out),
 * PostgreSQL with `json_to_recordset` and the `columns`' types.
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
