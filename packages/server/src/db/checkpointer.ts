import { statSync } from 'node:fs';

/** Options of {@link Checkpointer}. */
export interface CheckpointerOptions {
  /**
   * How often the WAL is copied back into the database file (a PASSIVE checkpoint: it never
   * waits for, nor holds up, a writer).
   * @default 500
   */
  intervalMs?: number;
  /**
   * A WAL larger than this after a checkpoint (readers kept it from completing, or writes
   * outran it) is checkpointed with TRUNCATE, which waits for writers, so it stays bounded.
   * @default 67_108_864 (64 MiB)
   */
  truncateBytes?: number;
}

/** What one checkpoint did: frames in the WAL, frames copied back, and whether it was the TRUNCATE kind. */
export interface CheckpointResult {
  log: number;
  checkpointed: number;
  truncated: boolean;
}

/** The part of a better-sqlite3 connection the checkpointer uses. */
export interface CheckpointConnection {
  readonly inTransaction: boolean;
  pragma(source: string): unknown;
}

/**
 * Keeps SQLite's write-ahead log out of requests' commits: automatic checkpoints are turned off
 * on the connection (they used to land inside a request's COMMIT, up to ~190 ms), and this runs a
 * PASSIVE checkpoint on a timer instead, between transactions, with TRUNCATE when the WAL has
 * grown large. Commits stay `synchronous=FULL`: a checkpoint only moves what is already durable
 * in the WAL.
 *
 * It runs on the writing connection itself, never on a second one: a second connection's
 * TRUNCATE holds the writer lock while it waits for readers, and a request's transaction that
 * had read and then wrote under it failed at once with SQLITE_BUSY (seen under the console
 * benchmark's bulk changes). On one connection there is nobody to wait for: a checkpoint runs
 * only when no transaction is open, and the timer skips a tick when one is.
 */
export class Checkpointer {
  private readonly timer: NodeJS.Timeout;
  /** The last checkpoint's result (for tests and health figures). */
  last: CheckpointResult | undefined;
  /** Checkpoints done so far. */
  count = 0;

  constructor(
    private readonly connection: CheckpointConnection,
    private readonly walPath: string,
    onError: (message: string) => void,
    options: CheckpointerOptions = {},
  ) {
    const truncateBytes = options.truncateBytes ?? 64 * 1024 * 1024;
    this.timer = setInterval(() => {
      if (connection.inTransaction) return;
      try {
        let result = this.checkpoint('PASSIVE');
        if (walBytes(walPath) > truncateBytes) result = this.checkpoint('TRUNCATE');
        this.last = result;
        this.count++;
      } catch (error) {
        onError(error instanceof Error ? error.message : String(error));
      }
    }, options.intervalMs ?? 500);
    // A process may end without closing its database: the checkpointer does not keep it alive.
    this.timer.unref();
  }

  private checkpoint(mode: 'PASSIVE' | 'TRUNCATE'): CheckpointResult {
    const rows = this.connection.pragma(`wal_checkpoint(${mode})`) as Array<{ log: number; checkpointed: number }>;
    const row = rows[0] ?? { log: 0, checkpointed: 0 };
    return { log: row.log, checkpointed: row.checkpointed, truncated: mode === 'TRUNCATE' };
  }

  /** Stops checkpointing; closing the connection checkpoints what is left. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
  }
}

function walBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
