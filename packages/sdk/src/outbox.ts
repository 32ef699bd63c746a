import type { SubmissionInput } from '@sori/protocol';
import type { Item } from './types.js';

/** An item as the outbox keeps it: what the shopper sees, plus what is sent and what the shopper has read. */
export interface StoredItem extends Omit<Item, 'unread'> {
  /** The exact body sent for this item: a resend must be byte-for-byte the same item. */
  wire: SubmissionInput;
  /** Highest staff event id the shopper has seen. */
  lastRead: number;
}

/**
 * Where items, the reporter secret and the update cursor live: IndexedDB, or memory when the
 * browser will not give us IndexedDB (private mode, blocked, over quota).
 */
export interface Outbox {
  /** Where writes go now: `memory` once IndexedDB refused one (they are lost when the page closes). */
  kind: 'indexeddb' | 'memory';
  all(): Promise<StoredItem[]>;
  get(id: string): Promise<StoredItem | undefined>;
  /** Resolves once the write is durable (the IndexedDB transaction completed). */
  put(item: StoredItem): Promise<void>;
  delete(id: string): Promise<void>;
  meta<T>(key: string): Promise<T | undefined>;
  setMeta(key: string, value: unknown): Promise<void>;
}

/**
 * Opens the outbox: IndexedDB, with memory over it for what IndexedDB will not take.
 *
 * Every write goes to IndexedDB and resolves on the transaction's `complete`, not on the request's
 * `success`: only then is it on disk, and only then may the shopper be told "saved". When the
 * browser refuses (no IndexedDB, private mode, over quota), the outbox turns to `memory`: that
 * write and all later ones are kept in the page, read over what IndexedDB still holds, and `kind`
 * says so. A connection that goes away (another tab deleting the database or moving to a newer
 * schema, the browser clearing storage) is let go and opened again for the next transaction.
 *
 * Written against the bare API rather than with `idb`: the outbox needs a handful of calls, and
 * `idb` (with its cursor and iterator extras, which cannot be tree-shaken) cost about 1.2 KB of the
 * SDK's 5 KB gzip budget (`pnpm --filter @sori/sdk build`, before and after).
 */
export async function openOutbox(name: string): Promise<Outbox> {
  const items = new Map<string, StoredItem>();
  const meta = new Map<string, unknown>();
  let db: Promise<IDBDatabase>;
  const connect = () => {
    // Throws inside the executor (no IndexedDB at all) reject the connection like a refusal does.
    db = new Promise((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore('items', { keyPath: 'id' });
        request.result.createObjectStore('meta');
      };
      request.onsuccess = () => {
        const connection = request.result;
        connection.onversionchange = connection.onclose = () => {
          connection.close();
          connect();
        };
        resolve(connection);
      };
      request.onerror = () => reject(request.error);
    });
    // A refusal is handled where the connection is used; this only keeps it from counting as unhandled.
    db.catch(() => undefined);
  };
  connect();

  /** One request in its own transaction; resolves with its result once the transaction completed. */
  const run = <T>(store: string, write: boolean, call: (s: IDBObjectStore) => IDBRequest) =>
    db.then(
      (connection) =>
        new Promise<T>((resolve, reject) => {
          const tx = connection.transaction(store, write ? 'readwrite' : 'readonly', { durability: 'strict' });
          const request = call(tx.objectStore(store));
          tx.oncomplete = () => resolve(request.result as T);
          tx.onerror = tx.onabort = () => reject(tx.error);
        }),
    );

  /** Writes to IndexedDB while it takes writes, then to memory. */
  async function store<V>(memory: Map<string, V>, key: string, value: V, call: (s: IDBObjectStore) => IDBRequest, where: string) {
    if (outbox.kind === 'indexeddb') {
      try {
        return void (await run(where, true, call));
      } catch {
        outbox.kind = 'memory';
      }
    }
    memory.set(key, value);
  }

  const outbox: Outbox = {
    kind: 'indexeddb',
    async all() {
      const stored = await run<StoredItem[]>('items', false, (s) => s.getAll()).catch(() => []);
      return [...new Map([...stored.map((i) => [i.id, i] as const), ...items]).values()];
    },
    get: async (id) => items.get(id) ?? run<StoredItem | undefined>('items', false, (s) => s.get(id)).catch(() => undefined),
    put: (item) => store(items, item.id, item, (s) => s.put(item), 'items'),
    async delete(id) {
      await run('items', true, (s) => s.delete(id)).catch(() => undefined);
      items.delete(id);
    },
    meta: async <T>(key: string) => (meta.get(key) as T | undefined) ?? run<T | undefined>('meta', false, (s) => s.get(key)).catch(() => undefined),
    setMeta: (key, value) => store(meta, key, value, (s) => s.put(value, key), 'meta'),
  };
  // Probe once: some private modes open the database and then refuse every write.
  await outbox.setMeta('probe', Date.now());
  return outbox;
}
