import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

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

// Runs in the worker: its own connection to the same file, so a checkpoint's copying and its
// fsyncs never run on the thread that answers requests. Plain JavaScript, evaluated as given: the
// worker has no TypeScript build to load.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL');
function walBytes() {
  try { return statSync(workerData.path + '-wal').size; } catch { return 0; }
}
function checkpoint(mode) {
  const [row] = db.pragma('wal_checkpoint(' + mode + ')');
  return { log: row.log, checkpointed: row.checkpointed, truncated: mode === 'TRUNCATE' };
}
const timer = setInterval(() => {
  try {
    let result = checkpoint('PASSIVE');
    if (walBytes() > workerData.truncateBytes) result = checkpoint('TRUNCATE');
    parentPort.postMessage({ result });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Keeps SQLite's write-ahead log off the request path: automatic checkpoints are turned off on
 * the writing connection (they used to land inside a request's COMMIT, up to ~190 ms), and a
 * worker thread checkpoints on a timer instead, with TRUNCATE when the WAL grows large. Commits
 * stay `synchronous=FULL`: a checkpoint only moves what is already durable in the WAL.
 */
export class Checkpointer {
  private readonly worker: Worker;
  private stopped: Promise<void> | undefined;
  /** The last checkpoint's result (for tests and health figures). */
  last: CheckpointResult | undefined;
  /** Checkpoints done so far. */
  count = 0;

  constructor(path: string, onError: (message: string) => void, options: CheckpointerOptions = {}) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: { path, driver, intervalMs: options.intervalMs ?? 500, truncateBytes: options.truncateBytes ?? 64 * 1024 * 1024 },
    });
    this.worker.on('message', (message: { result?: CheckpointResult; error?: string }) => {
      if (message.result) {
        this.last = message.result;
        this.count++;
      }
      if (message.error) onError(message.error);
    });
    this.worker.on('error', (error) => onError(error.message));
    // A process may end without closing its database: the checkpointer does not keep it alive.
    this.worker.unref();
  }

  /** Stops checkpointing and closes the worker's connection; the last connection to close checkpoints what is left. */
  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      this.worker.once('exit', () => resolve());
      // Held while it stops: an unreferenced worker would let the process end mid-close, before
      // the code awaiting the close runs.
      this.worker.ref();
      this.worker.postMessage('stop');
    });
    return this.stopped;
  }
}
