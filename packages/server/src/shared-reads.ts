import type { StreamSource } from './event-streams.js';

/** One stream's read in a shared call: its topic's events after `cursor`, at most `limit`. */
export interface StreamRead {
  topic: string;
  cursor: number;
  limit: number;
}

/** Reads for many streams at once: each read's events, oldest first, in the reads' order. */
export type ReadMany<E> = (reads: readonly StreamRead[]) => Promise<E[][]>;

/**
 * Streams read together in one call at most: a commit that touched more reporters is read in a
 * few calls, each a statement of bounded size (SQLite runs it on the event loop).
 */
const CHUNK = 1000;

interface Waiting<E> {
  read: StreamRead;
  resolve(events: E[]): void;
  reject(error: unknown): void;
}

/**
 * The reads of every stream of one kind (the reporters'), shared: what streams ask for in one
 * turn of the event loop goes to `readMany` together, in calls of at most {@link CHUNK} reads.
 * The hub wakes a commit's topics together, so the 5,000 streams one bulk change woke cost a few
 * queries rather than 5,000. A failed call fails only the reads it carried.
 *
 * @example
 * const reads = new SharedReads((reads) => eventsAfterEach(db, reads));
 * await streams.stream(request, reply, reads.source(reporterId), cursor);
 */
export class SharedReads<E extends { id: number }> {
  private waiting: Waiting<E>[] = [];

  constructor(private readonly readMany: ReadMany<E>) {}

  /** The source of the stream on `topic`, its reads shared with the other streams' of this kind. */
  source(topic: string): StreamSource<E> {
    return { topic, read: (cursor, limit) => this.read({ topic, cursor, limit }) };
  }

  /** `read`'s events, in the next shared call. */
  read(read: StreamRead): Promise<E[]> {
    return new Promise((resolve, reject) => {
      // After the I/O at hand: every topic of this commit (on PostgreSQL, every NOTIFY that came in) has woken its streams by then.
      if (this.waiting.length === 0) setImmediate(() => this.flush());
      this.waiting.push({ read, resolve, reject });
    });
  }

  private flush(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (let start = 0; start < waiting.length; start += CHUNK) {
      const chunk = waiting.slice(start, start + CHUNK);
      this.readMany(chunk.map((w) => w.read)).then(
        (pages) => chunk.forEach((w, i) => w.resolve(pages[i] ?? [])),
        (error: unknown) => chunk.forEach((w) => w.reject(error)),
      );
    }
  }
}
