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
  readonly kind: 'indexeddb' | 'memory';
  all(): Promise<StoredItem[]>;
  get(id: string): Promise<StoredItem | undefined>;
  /** Resolves once the write is durable (the IndexedDB transaction completed). */
  put(item: StoredItem): Promise<void>;
  delete(id: string): Promise<void>;
  meta<T>(key: string): Promise<T | undefined>;
  setMeta(key: string, value: unknown): Promise<void>;
}

/** The in-memory fallback: the same interface, gone when the page closes. */
export function memoryOutbox(): Outbox {
  const items = new Map<string, StoredItem>();
  const meta = new Map<string, unknown>();
  return {
    kind: 'memory',
    // Callers never mutate what they read or wrote (every change is a new object), so no copies.
    all: async () => [...items.values()],
    get: async (id) => items.get(id),
    put: async (item) => void items.set(item.id, item),
    delete: async (id) => void items.delete(id),
    meta: async <T>(key: string) => meta.get(key) as T | undefined,
    setMeta: async (key, value) => void meta.set(key, value),
  };
}

/** Resolves with a request's result. */
function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * The IndexedDB outbox. A write resolves on the transaction's `complete`, not on the request's
 * `success`: only then is it on disk, and only then may the shopper be told "saved".
 *
 * Written against the bare API rather than with `idb`: the outbox needs six calls, and `idb`
 * (with its cursor and iterator extras, which cannot be tree-shaken) cost about 1.2 KB of the
 * SDK's 5 KB gzip budget (`pnpm --filter @sori/sdk build`, before and after).
 */
function idbOutbox(db: IDBDatabase): Outbox {
  const read = <T>(store: string, call: (s: IDBObjectStore) => IDBRequest<T>) => done(call(db.transaction(store).objectStore(store)));
  const write = (store: string, call: (s: IDBObjectStore) => IDBRequest) =>
    new Promise<void>((resolve, reject) => {
      const tx = db.transaction(store, 'readwrite', { durability: 'strict' });
      call(tx.objectStore(store));
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  return {
    kind: 'indexeddb',
    all: () => read('items', (s) => s.getAll() as IDBRequest<StoredItem[]>),
    get: (id) => read('items', (s) => s.get(id) as IDBRequest<StoredItem | undefined>),
    put: (item) => write('items', (s) => s.put(item)),
    delete: (id) => write('items', (s) => s.delete(id)),
    meta: <T>(key: string) => read('meta', (s) => s.get(key) as IDBRequest<T | undefined>),
    setMeta: (key, value) => write('meta', (s) => s.put(value, key)),
  };
}

/** Opens the outbox in IndexedDB, or falls back to memory when that is not possible. */
export async function openOutbox(name: string): Promise<Outbox> {
  if (typeof indexedDB === 'undefined') return memoryOutbox();
  try {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('items', { keyPath: 'id' });
      request.result.createObjectStore('meta');
    };
    const db = await done(request);
    // Another tab wants a newer schema: step aside; this page falls back to reopening next load.
    db.onversionchange = () => db.close();
    const outbox = idbOutbox(db);
    // Probe once: some private modes open the database and then refuse every write.
    await outbox.setMeta('probe', Date.now());
    return outbox;
  } catch {
    return memoryOutbox();
  }
}
