import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { Checkpointer, type CheckpointerOptions } from './checkpointer.js';
import type { Database } from './schema.js';

/** Which engine a {@link Store} runs on. */
export type Dialect = 'sqlite' | 'postgres';

/** Options of {@link openDatabase}. */
export interface OpenOptions {
  /** How a SQLite file is checkpointed (tests make it frequent). */
  checkpoints?: CheckpointerOptions;
}

/** An open database: the Kysely handle and what little differs between engines. */
export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The PostgreSQL connection string, for a dedicated LISTEN connection. */
  url: string;
  /** On a SQLite file, what checkpoints its WAL off the request path. */
  checkpointer?: Checkpointer;
  close(): Promise<void>;
}

/**
 * Whether a failed write broke a unique constraint (two requests adding the same thing at once),
 * on either engine: better-sqlite3's `SQLITE_CONSTRAINT_UNIQUE` / `_PRIMARYKEY`, PostgreSQL's
 * SQLSTATE `23505`.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Prepared statements kept per SQL text; Kysely prepares every query anew otherwise. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * better-sqlite3 with a bounded cache of prepared statements. Preparing took about a tenth of the
 * intake's CPU time under load (`pnpm bench:intake` with BENCH_PROFILE), and the same few query
 * shapes repeat on every request.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value ?? '');
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

/** The engine of every database {@link openDatabase} opened (a transaction's root included). */
const dialects = new WeakMap<Kysely<Database>, Dialect>();

/**
 * The engine behind a database handle that {@link openDatabase} opened, for the few statements
 * written per engine (`db/rows.ts`).
 */
export function dialectOf(db: Kysely<Database>): Dialect {
  const dialect = dialects.get(db);
  if (!dialect) throw new Error('dialectOf: this Kysely instance was not opened with openDatabase');
  return dialect;
}

/**
 * Opens `sqlite:<path>` (the embedded default; `sqlite::memory:` for a throwaway database) or a
 * `postgres://` URL. The SQLite file's folder is created when missing.
 *
 * @example openDatabase('sqlite:./data/sori.db')
 */
export function openDatabase(url: string, options: OpenOptions = {}): Store {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    dialects.set(db, 'postgres');
    return { db, dialect: 'postgres', url, close: () => db.destroy() };
  }
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (!path) throw new Error('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:./data/sori.db');
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    const sqlite = new SQLite(path);
    // WAL lets readers go on while a write commits. FULL syncs every commit to disk, so a submission we
    // acknowledged survives a power cut too (DESIGN.md: acknowledge only after the write is durable).
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    dialects.set(db, 'sqlite');
    if (path === ':memory:') return { db, dialect: 'sqlite', url, close: () => db.destroy() };
    // Checkpoints run on a timer between transactions (db/checkpointer.ts), never inside a request's COMMIT; after a
    // complete one the next writer starts the WAL over, cut back to this size.
    sqlite.pragma('wal_autocheckpoint = 0');
    sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    const checkpointer = new Checkpointer(sqlite, `${resolve(path)}-wal`, (message) => process.emitWarning(`SQLite checkpoint failed: ${message}`), options.checkpoints);
    return {
      db,
      dialect: 'sqlite',
      url,
      checkpointer,
      close: async () => {
        await checkpointer.stop();
        await db.destroy();
      },
    };
  }
  throw new Error(
    `DATABASE_URL must start with "sqlite:" or "postgres://", got "${url.split(':')[0]}:…" ` +
      '(e.g. sqlite:./data/sori.db or postgres://user@host:5432/sori)',
  );
}
