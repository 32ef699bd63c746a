import { openDB, type IDBPDatabase } from 'idb';
import type { SubmissionInput } from '@sori/protocol';
import type { Item } from './types.js';

/** An item as the outbox keeps it: what the shopper sees, plus what is sent and how often it was tried. */
export interface StoredItem extends Omit<Item, 'unread'> {
  /** The exact body sent for this item: a resend must be byte-for-byte the same item. */
  wire: SubmissionInput;
  attempts: number;
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
    all: async () => [...items.values()].map((i) => structuredClone(i)),
    get: async (id) => structuredClone(items.get(id)),
    put: async (item) => void items.set(item.id, structuredClone(item)),
    delete: async (id) => void items.delete(id),
    meta: async <T>(key: string) => meta.get(key) as T | undefined,
    setMeta: async (key, value) => void meta.set(key, value),
  };
}

function idbOutbox(db: IDBPDatabase): Outbox {
  return {
    kind: 'indexeddb',
    all: () => db.getAll('items') as Promise<StoredItem[]>,
    get: (id) => db.get('items', id) as Promise<StoredItem | undefined>,
    put: async (item) => void (await db.put('items', item)),
    delete: (id) => db.delete('items', id),
    meta: <T>(key: string) => db.get('meta', key) as Promise<T | undefined>,
    setMeta: async (key, value) => void (await db.put('meta', value, key)),
  };
}

/** Opens the outbox in IndexedDB, or falls back to memory when that is not possible. */
export async function openOutbox(name: string): Promise<Outbox> {
  if (typeof indexedDB === 'undefined') return memoryOutbox();
  try {
    const db = await openDB(name, 1, {
      upgrade(database) {
        database.createObjectStore('items', { keyPath: 'id' });
        database.createObjectStore('meta');
      },
      // Another tab upgrades the schema: let it, and fall back to reopening on next load.
      blocking() {
        db.close();
      },
    });
    // Probe once: some private modes open the database and then refuse every write.
    await db.put('meta', Date.now(), 'probe');
    return idbOutbox(db);
  } catch {
    return memoryOutbox();
  }
}
