import type { SubmissionInput } from '@sori/protocol';
import type { IDBPObjectStore } from 'idb';
import { database, STRICT, type OutboxSchema } from './database.js';
import type { Submission } from './types.js';

/**
 * The outbox's cap. At most this many submissions and messages wait to be sent
 * (`syncState().pending`): a further `submit()` is refused with `outbox_full` (the shopper is told
 * and keeps their text), never a silent drop of an older one.
 */
export const OUTBOX_LIMIT = 500;

/**
 * Days a submission may wait to be sent. An older one is not sent any more: it turns `rejected`
 * with code `expired`, stays in `submissions()` with the reason, and can be edited and resent.
 */
export const OUTBOX_MAX_AGE_DAYS = 30;

/**
 * A submission as the outbox keeps it: what the shopper sees, plus what is sent and what the
 * shopper has read. `unread` and `nextRetryAt` are worked out when it is shown (see
 * `submission-view.ts`), never stored.
 */
export interface StoredSubmission extends Omit<Submission, 'unread' | 'nextRetryAt'> {
  /** The exact body sent for this submission: a resend must be byte-for-byte the same submission. */
  wire: SubmissionInput;
  /** Highest staff event id the shopper has seen. */
  lastRead: number;
}

/** What the outbox keeps beside submissions, by key. */
export interface Meta {
  /** The reporter secret (see `reporter.ts`). */
  reporter: string;
  /** The id of the last event applied: where the event stream resumes. */
  cursor: number;
  /** When a page last tried a write on opening (see {@link openOutbox}). */
  probe: number;
}

/**
 * Where submissions, the reporter secret and the event cursor live: IndexedDB, or memory when
 * the browser will not give us IndexedDB (private mode, blocked, over quota).
 */
export interface Outbox {
  /** Where writes go now: `memory` once IndexedDB refused one (they are lost when the page closes). */
  kind: 'indexeddb' | 'memory';
  all(): Promise<StoredSubmission[]>;
  get(clientId: string): Promise<StoredSubmission | undefined>;
  /** Resolves once the write is durable (the IndexedDB transaction completed). */
  put(submission: StoredSubmission): Promise<void>;
  /**
   * Changes the submissions under `clientIds` in one transaction, read and write together (so no
   * other tab's write in between is lost): `edit` gets each as it is now and answers the new one, or
   * nothing to leave it. With `cursor`, the event cursor moves up to it (never back) in the same
   * transaction. Resolves, once durable, with the submissions it changed; like `put`, it turns to
   * memory when IndexedDB refuses, and then `edit` is called again on what is read there.
   */
  change(clientIds: string[], edit: (current: StoredSubmission) => StoredSubmission | undefined, cursor?: number): Promise<StoredSubmission[]>;
  delete(clientId: string): Promise<void>;
  meta<K extends keyof Meta>(key: K): Promise<Meta[K] | undefined>;
  setMeta<K extends keyof Meta>(key: K, value: Meta[K]): Promise<void>;
  /**
   * The value stored under `key`, or else `fresh()`, stored. Read and write are one transaction,
   * so of two tabs asking at once the second finds what the first stored, and a read that fails
   * writes nothing. When IndexedDB fails, the value is kept in memory for this page, and what
   * IndexedDB holds is never overwritten.
   */
  claimMeta<K extends keyof Meta>(key: K, fresh: () => Meta[K]): Promise<Meta[K]>;
}

/**
 * Opens the outbox: IndexedDB through idb, with memory over it for what IndexedDB will not take.
 *
 * Every write resolves once its transaction completed with durability `strict`: only then is it on
 * disk, and only then may the shopper be told "saved". When the browser refuses (no IndexedDB,
 * private mode, blocked, over quota), the outbox turns to `memory`: that write and all later ones
 * are kept in the page, read over what IndexedDB still holds, and `kind` says so.
 */
export async function openOutbox(name: string): Promise<Outbox> {
  const ignore = () => undefined;
  const submissions = new Map<string, StoredSubmission>();
  const meta = new Map<keyof Meta, Meta[keyof Meta]>();
  const db = database(name);

  /**
   * Runs `work` on `store` in a transaction of its own; resolves with what it answers once the
   * transaction completed, rejects when either failed.
   */
  async function transact<S extends 'submissions' | 'meta', M extends IDBTransactionMode, T>(
    store: S,
    mode: M,
    work: (objects: IDBPObjectStore<OutboxSchema, [S], S, M>) => Promise<T>,
  ): Promise<T> {
    const tx = (await db()).transaction(store, mode, STRICT);
    // `done` watched from the start: idb rejects it when the transaction aborts, and unwatched that
    // would be an unhandled rejection (https://github.com/jakearchibald/idb/issues/320).
    return (await Promise.all([work(tx.store), tx.done]))[0];
  }

  /** Writes to IndexedDB while it takes writes, else to memory. */
  async function write(disk: () => Promise<unknown>, memory: () => void): Promise<void> {
    if (outbox.kind === 'indexeddb') {
      try {
        return void (await disk());
      } catch {
        outbox.kind = 'memory';
      }
    }
    memory();
  }

  const outbox: Outbox = {
    kind: 'indexeddb',
    async all() {
      const stored = await transact('submissions', 'readonly', (objects) => objects.getAll()).catch(() => []);
      return [...new Map([...stored.map((s) => [s.clientId, s] as const), ...submissions]).values()];
    },
    get: async (clientId) => submissions.get(clientId) ?? transact('submissions', 'readonly', (objects) => objects.get(clientId)).catch(() => undefined),
    put: (submission) =>
      write(
        () => transact('submissions', 'readwrite', (objects) => objects.put(submission)),
        () => submissions.set(submission.clientId, submission),
      ),
    async change(clientIds, edit, cursor = 0) {
      const edited = (found: Array<StoredSubmission | undefined>) => found.flatMap((current) => (current && edit(current)) || []);
      if (outbox.kind === 'indexeddb') {
        try {
          const tx = (await db()).transaction(['submissions', 'meta'], 'readwrite', STRICT);
          const objects = tx.objectStore('submissions');
          const metas = tx.objectStore('meta');
          // Only IndexedDB requests are awaited in between, so the transaction stays open for the writes.
          const work = (async () => {
            const [known, found] = await Promise.all([metas.get('cursor'), Promise.all(clientIds.map((id) => objects.get(id)))]);
            const changed = edited(found);
            // A write that fails aborts the transaction, and `tx.done` says so: its own promise need not.
            for (const s of changed) objects.put(s).catch(ignore);
            if (cursor > (Number(known) || 0)) metas.put(cursor, 'cursor').catch(ignore);
            return changed;
          })().catch((error: unknown) => {
            // A write refused at once (over quota, say) must not leave the ones before it stored.
            tx.abort();
            throw error;
          });
          return (await Promise.all([work, tx.done]))[0];
        } catch {
          outbox.kind = 'memory';
        }
      }
      const changed = edited(await Promise.all(clientIds.map(outbox.get)));
      for (const s of changed) submissions.set(s.clientId, s);
      if (cursor > ((await outbox.meta('cursor')) ?? 0)) meta.set('cursor', cursor);
      return changed;
    },
    async delete(clientId) {
      await transact('submissions', 'readwrite', (objects) => objects.delete(clientId)).catch(() => undefined);
      submissions.delete(clientId);
    },
    async meta<K extends keyof Meta>(key: K) {
      const value = meta.get(key) ?? (await transact('meta', 'readonly', (objects) => objects.get(key)).catch(() => undefined));
      // Each key holds what `Meta` says: `setMeta` and `claimMeta` write nothing else under it.
      return value as Meta[K] | undefined;
    },
    setMeta: (key, value) =>
      write(
        () => transact('meta', 'readwrite', (objects) => objects.put(value, key)),
        () => meta.set(key, value),
      ),
    async claimMeta<K extends keyof Meta>(key: K, fresh: () => Meta[K]) {
      if (outbox.kind === 'indexeddb') {
        try {
          const claimed = await transact('meta', 'readwrite', async (objects) => {
            // Only IndexedDB requests are awaited in between, so the transaction stays open for the write.
            const known = await objects.get(key);
            if (known !== undefined) return known;
            const value = fresh();
            await objects.put(value, key);
            return value;
          });
          // See `meta` for why the stored value is a `Meta[K]`.
          return claimed as Meta[K];
        } catch {
          // Nothing was written: the read and the write were one transaction, and it failed.
          outbox.kind = 'memory';
        }
      }
      // What IndexedDB still holds when it can be read (writes refused over quota, say); else a value for this page only.
      const value = (await outbox.meta(key)) ?? fresh();
      meta.set(key, value);
      return value;
    },
  };
  // Probe once: some private modes open the database and then refuse every write.
  await outbox.setMeta('probe', Date.now());
  return outbox;
}
