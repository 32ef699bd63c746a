import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Meta, StoredSubmission } from './outbox.js';
import { upgrade, type LegacyItem } from './outbox-upgrade.js';

/**
 * The outbox database's schema version. 1 kept `items` keyed by `id`; 2 keeps `submissions` keyed
 * by `clientId`, in the words of DESIGN.md (see `outbox-upgrade.ts`).
 */
const VERSION = 2;

/** What the outbox database holds, for idb's typed stores. */
export interface OutboxSchema extends DBSchema {
  submissions: { key: string; value: StoredSubmission };
  /** The reporter secret, the event cursor and the write probe, under out-of-line keys. */
  meta: { key: keyof Meta; value: Meta[keyof Meta] };
  /** Version 1's store: only the upgrade reads it, and deletes it. */
  items: { key: string; value: LegacyItem };
}

/** An open connection to the outbox database. */
type Database = IDBPDatabase<OutboxSchema>;

/** Written transactions wait for the disk: only then may the shopper be told "saved". */
export const STRICT: IDBTransactionOptions = { durability: 'strict' };

/**
 * A connection to the outbox database `name`, opened on first use and opened again after it went
 * away: another tab deleting the database or opening a newer version (we let go at once, so as not
 * to block it), or the browser closing it (storage cleared). Rejects when the browser refuses
 * IndexedDB: none at all, private mode, storage blocked, or the open blocked by a connection of
 * another tab that will not let go.
 */
export function database(name: string): () => Promise<Database> {
  let current: Promise<Database> | undefined;
  const forget = (which: Promise<Database>) => {
    if (current === which) current = undefined;
  };
  return () => {
    if (current) return current;
    let refuse: (reason: Error) => void = () => {};
    let refused = false;
    const blocked = new Promise<never>((_, reject) => (refuse = reject));
    // Async, so that a browser without `indexedDB` (it throws at once) rejects like a refusal.
    const opening = (async () =>
      openDB<OutboxSchema>(name, VERSION, {
        upgrade,
        // Waiting could take forever (a tab that never lets go), and every `submit()` with it.
        blocked: () => {
          refused = true;
          refuse(new DOMException(`Another tab keeps "${name}" open at an older version`, 'BlockedError'));
        },
        blocking: () => {
          void opened.then((db) => db.close());
          forget(opened);
        },
        terminated: () => forget(opened),
      }))();
    const opened = Promise.race([opening, blocked]);
    // Opened after all, once the other tab let go: this page went on in memory, so it lets go in turn.
    void opening.then((db) => refused && db.close(), () => undefined);
    current = opened;
    return opened;
  };
}
