import type { Emitter } from './emitter.js';
import type { Credentials } from './http.js';
import type { Outbox, StoredItem } from './outbox.js';
import type { Item, SoriEvents, SoriStatus } from './types.js';

/** What the SDK's parts share: settings, storage, credentials and the way to tell the page. */
export interface Context {
  credentials: Credentials;
  outbox: Outbox;
  emitter: Emitter<SoriEvents>;
  maxRetryDelayMs: number;
  pollIntervalMs: number;
  live: boolean;
  /** Stores an item (durably) and tells listeners. */
  save(item: StoredItem): Promise<void>;
  status: SoriStatus;
  /** Changes the status and tells listeners when something changed. */
  setStatus(patch: Partial<SoriStatus>): void;
  /** Called when an item got accepted: the update stream may start. */
  onAccepted(): void;
}

/** The shopper's view of a stored item. */
export function toItem(stored: StoredItem): Item {
  const { wire: _wire, attempts: _attempts, lastRead, ...item } = stored;
  const unread = stored.timeline.filter((e) => e.author === 'staff' && e.id > lastRead).length;
  return { ...item, unread };
}
