import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { OutboxSchema } from './database.js';
import type { StoredSubmission } from './outbox.js';
import { present } from './present.js';
import type { OutgoingMessage, PublicEvent } from './types.js';

/** A timeline event as version 1 stored it: its text was `message`. */
type LegacyEvent = Omit<PublicEvent, 'text'> & { message?: string };

/** A shopper message as version 1 stored it. */
type LegacyMessage = Omit<OutgoingMessage, 'text' | 'sendState'> & { message: string; delivery: OutgoingMessage['sendState'] };

/**
 * A submission as version 1 stored it (in the `items` store): `id` was the client id, `serverId`
 * the server's, `delivery` the send state; some early records also kept `nextRetryAt`.
 */
export type LegacyItem = Omit<StoredSubmission, 'clientId' | 'id' | 'sendState' | 'timeline' | 'outgoing'> & {
  id: string;
  serverId?: string;
  delivery: StoredSubmission['sendState'];
  nextRetryAt?: string;
  timeline: LegacyEvent[];
  outgoing: LegacyMessage[];
};

/** A version-1 record in today's shape: the same submission, its words renamed. */
function fromLegacy({ id, serverId, delivery, nextRetryAt: _retry, timeline, outgoing, ...same }: LegacyItem): StoredSubmission {
  return {
    ...same,
    clientId: id,
    ...present({ id: serverId }),
    sendState: delivery,
    timeline: timeline.map(({ message, ...event }) => ({ ...event, ...present({ text: message }) })),
    outgoing: outgoing.map(({ message, delivery: state, ...rest }) => ({ ...rest, text: message, sendState: state })),
  };
}

/**
 * Brings the outbox database to version 2 (see `database.ts`) inside the browser's upgrade transaction. A fresh
 * database gets its stores; a version-1 one moves every item into `submissions` in today's shape,
 * then drops `items`. `meta` (the reporter secret and the event cursor) is kept as it is, so the
 * shopper keeps their identity and misses no event. A migration that fails aborts the whole
 * upgrade: version 1 stays as it was, to be tried again by the next page.
 */
export function upgrade(
  db: IDBPDatabase<OutboxSchema>,
  oldVersion: number,
  _newVersion: number | null,
  tx: IDBPTransaction<OutboxSchema, StoreNames<OutboxSchema>[], 'versionchange'>,
): void {
  // An aborted upgrade fails the open, which the outbox answers by going to memory; idb's `done`
  // of it would be an unhandled rejection besides (https://github.com/jakearchibald/idb/issues/320).
  void tx.done.catch(() => undefined);
  const submissions = db.createObjectStore('submissions', { keyPath: 'clientId' });
  if (oldVersion < 1) {
    db.createObjectStore('meta');
    return;
  }
  // Only IndexedDB requests are awaited here, which keeps the upgrade transaction alive in between.
  void (async () => {
    const items = await tx.objectStore('items').getAll();
    await Promise.all(items.map((item) => submissions.put(fromLegacy(item))));
    db.deleteObjectStore('items');
  })().catch(() => {
    try {
      tx.abort();
    } catch {
      // An IndexedDB failure aborted it already: a second abort throws, and there is nothing left to undo.
    }
  });
}
