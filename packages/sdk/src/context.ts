import type { Emitter } from './emitter.js';
import type { Credentials } from './http.js';
import type { Outbox, StoredSubmission } from './outbox.js';
import type { PageExit } from './page-exit.js';
import { toSubmission } from './submission-view.js';
import type { Tabs } from './tabs.js';
import type { SoriEvents, Submission, SyncState } from './types.js';

/** What the SDK's parts share: settings, storage, credentials, and the one way to change a submission. */
export interface Context {
  /** The database name; also names the tab channel and the Web Locks. */
  name: string;
  credentials: Credentials;
  outbox: Outbox;
  emitter: Emitter<SoriEvents>;
  /** The other tabs of this browser on the same outbox. */
  tabs: Tabs;
  maxRetryDelayMs: number;
  pollIntervalMs: number;
  live: boolean;
  /** Stores a new submission (durably) and tells listeners, the other tabs and the page-exit send. */
  save(submission: StoredSubmission): Promise<void>;
  /**
   * Changes a stored submission: `change` gets it as it is now and answers the new one (or
   * nothing, to leave it). Changes run one at a time, so the sender and the event stream never
   * write back a stale copy over each other's work. Answers the changed submission, or nothing
   * when there is none under `clientId` or `change` left it.
   */
  update(clientId: string, change: (current: StoredSubmission) => StoredSubmission | undefined): Promise<StoredSubmission | undefined>;
  /**
   * {@link update} for many submissions in one IndexedDB transaction (a batch the sender sent, a
   * burst of events), with the event cursor moved up to `cursor` in the same transaction. Answers
   * the submissions it changed.
   */
  updateMany(clientIds: string[], change: (current: StoredSubmission) => StoredSubmission | undefined, cursor?: number): Promise<StoredSubmission[]>;
  /** Removes a stored submission, in turn with the changes (one already under way cannot write it back). */
  remove(clientId: string): Promise<void>;
  /** The shopper's view of a stored submission, with the sender's next try. */
  view(submission: StoredSubmission): Submission;
  syncState: SyncState;
  /** Changes the SDK's state and tells listeners when something changed; `error: undefined` clears the error. */
  setSyncState(patch: { [K in keyof SyncState]?: SyncState[K] | undefined }): void;
  /** Called when a submission got accepted: the event stream may start. */
  onAccepted(): void;
  /** When the sender tries next, while something waits after a failure. */
  retryAt?: string | undefined;
}

/** The settings and parts a {@link Context} is made of; it adds the shared state and the writes. */
export type Parts = Pick<Context, 'name' | 'credentials' | 'outbox' | 'emitter' | 'tabs' | 'maxRetryDelayMs' | 'pollIntervalMs' | 'live' | 'syncState'> & {
  /** Told of every save, for the last-chance send. */
  pageExit: PageExit;
};

/** The shared context over `parts`. `onAccepted` does nothing until the event stream is wired to it. */
export function createContext({ pageExit, ...parts }: Parts): Context {
  const { outbox, emitter, tabs, syncState } = parts;
  let writes: Promise<unknown> = Promise.resolve();
  /** Tells the page-exit send, the listeners and the other tabs of submissions just stored. */
  const told = (stored: StoredSubmission[]) => {
    ctx.setSyncState({ storage: outbox.kind });
    for (const submission of stored) {
      pageExit.track(submission);
      emitter.emit('submission', ctx.view(submission));
      tabs.post({ clientId: submission.clientId });
    }
    return stored;
  };
  const ctx: Context = {
    ...parts,
    async save(submission) {
      await outbox.put(submission);
      told([submission]);
    },
    update: async (clientId, change) => (await ctx.updateMany([clientId], change))[0],
    updateMany(clientIds, change, cursor) {
      const next = writes.then(async () => told(await outbox.change(clientIds, change, cursor)));
      writes = next.catch(() => undefined);
      return next;
    },
    remove(clientId) {
      const next = writes.then(() => outbox.delete(clientId));
      writes = next.catch(() => undefined);
      return next;
    },
    view: (submission) => toSubmission(submission, ctx.retryAt),
    setSyncState(patch) {
      // `keyof` loses nothing here: the keys are those of the patch, all of them `SyncState` keys.
      const changed = (Object.keys(patch) as Array<keyof SyncState>).some((k) => patch[k] !== syncState[k]);
      Object.assign(syncState, patch);
      // Leave the key out rather than `undefined`, as `exactOptionalPropertyTypes` reads `error?`.
      if (!syncState.error) delete syncState.error;
      if (changed) emitter.emit('sync', { ...syncState });
    },
    onAccepted: () => undefined,
  };
  return ctx;
}
