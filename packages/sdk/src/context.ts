import type { Emitter } from './emitter.js';
import type { Credentials } from './http.js';
import type { Outbox, StoredItem } from './outbox.js';
import type { HttpError } from './errors.js';
import type { Delivery, Item, PublicEvent, Rejection, SoriEvents, SoriStatus } from './types.js';

/**
 * The outbox's cap. At most this many items and messages wait to be sent (`status().pending`): a
 * further `submit()` is refused with `outbox_full` (the shopper is told and keeps their text),
 * never a silent drop of an older item.
 */
export const OUTBOX_LIMIT = 500;

/**
 * Days an item may wait to be sent. An older one is not sent any more: it turns `rejected` with
 * code `expired`, stays in `items()` with the reason, and can be edited and resent.
 */
export const OUTBOX_MAX_AGE_DAYS = 30;

/** What the SDK's parts share: settings, storage, credentials and the way to tell the page. */
export interface Context {
  /** The database name; also names the tab channel and the Web Locks. */
  name: string;
  credentials: Credentials;
  /** The other tabs of this browser on the same outbox, where BroadcastChannel exists. */
  tabs: BroadcastChannel | undefined;
  outbox: Outbox;
  emitter: Emitter<SoriEvents>;
  maxRetryDelayMs: number;
  pollIntervalMs: number;
  live: boolean;
  /** Stores a new item (durably) and tells listeners. */
  save(item: StoredItem): Promise<void>;
  /**
   * Changes a stored item: `change` gets the item as it is now and answers the new one (or
   * nothing, to leave it). Changes run one at a time, so the sender and the update stream never
   * write back a stale copy over each other's work.
   */
  update(id: string, change: (current: StoredItem) => StoredItem | undefined): Promise<StoredItem | undefined>;
  status: SoriStatus;
  /** Changes the status and tells listeners when something changed; `error: undefined` clears the error. */
  setStatus(patch: { [K in keyof SoriStatus]?: SoriStatus[K] | undefined }): void;
  /** Called when an item got accepted: the update stream may start. */
  onAccepted(): void;
  /** When the sender tries next, while items wait after a failure. */
  retryAt?: string | undefined;
}

/** Whether something still waits to reach the server. */
export const waiting = (thing: { delivery: Delivery }): boolean => thing.delivery === 'queued' || thing.delivery === 'sending';

/** How many items and shopper messages wait to be sent (`status().pending`). */
export const pending = (all: StoredItem[]): number => all.reduce((n, i) => n + +waiting(i) + i.outgoing.filter(waiting).length, 0);

/**
 * The shopper's view of a stored item. `retryAt` is the sender's next attempt: one time for every
 * waiting item, so it is added here rather than written into each stored item on every failure.
 */
export function toItem(stored: StoredItem, retryAt?: string): Item {
  const { wire: _wire, lastRead, nextRetryAt: _old, ...item } = stored;
  const unread = stored.timeline.filter((e) => e.author === 'staff' && e.id > lastRead).length;
  return { ...item, unread, ...present({ nextRetryAt: waiting(stored) ? retryAt : undefined }) };
}

/** Optional fields whose value may be absent, as `exactOptionalPropertyTypes` wants them written. */
type Present<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/**
 * Leaves out absent (`undefined`, empty string, empty object) values, so optional fields are omitted rather
 * than stored or sent as `undefined`. One helper instead of a conditional spread per field keeps
 * the bundle small.
 */
export function present<T extends object>(fields: T): Present<T> {
  // Filtering entries loses the key types; the filter is exactly what `Present` describes.
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== '' && JSON.stringify(v) !== '{}')) as Present<T>;
}

/**
 * How long to wait after `failures` failures in a row: doubling from a second up to `capMs`, with
 * jitter over the upper half, so many browsers coming back at once do not all knock together.
 */
export function backoff(failures: number, capMs: number): number {
  const ceiling = Math.min(capMs, 1000 * 2 ** Math.min(failures - 1, 20));
  return Math.round(ceiling * (0.5 + Math.random() / 2));
}

/**
 * Runs `work` while holding the Web Lock `name`, so one tab of the browser at a time does it; other
 * tabs queue and take over in turn, also when the holder's tab closes. Without Web Locks (old
 * browsers, tests) each instance just runs it.
 */
export async function lead(name: string, work: () => Promise<void>): Promise<void> {
  const locks = globalThis.navigator?.locks;
  await (locks ? locks.request(name, work) : work());
}

/** A timeline with `event` in it once, in id order (the stream and the sender may both bring it). */
export const withEvents = (timeline: PublicEvent[], event: PublicEvent): PublicEvent[] =>
  [...timeline.filter((e) => e.id !== event.id), event].sort((a, b) => a.id - b.id);

/** The reason shown for a refused request: the server's code, message and field. */
export const rejection = (error: HttpError): Rejection => ({ code: error.code, message: error.message, ...present({ field: error.field }) });
