import { signal } from '@preact/signals';
import type { Presence, StaffEvent } from '@sori/protocol';

/**
 * The one live store of the console: every screen reads the staff event stream through it, and
 * none opens a stream of its own (stream.ts feeds it). It keeps the cursor, drops any event it
 * has already passed on (catch-up and stream may overlap), and holds who is on which submission.
 */

/** Where the live connection stands, for the status line every screen shows. */
export type LiveState = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'offline';

/** See {@link LiveState}. */
export const liveState = signal<LiveState>('idle');
/** When the store last heard from the server (ms since epoch): "up to date as of 10:42". */
export const heardAt = signal<number | undefined>(undefined);
/** Who is viewing or replying, by submission id (the signed-in user included: screens leave them out). */
export const presence = signal<ReadonlyMap<string, Presence['users']>>(new Map());

const listeners = new Set<(event: StaffEvent) => void>();
const resetListeners = new Set<() => void>();
// Ids already passed on. Bounded: after a few thousand the oldest are forgotten, and by then the
// cursor is far past them.
const seen = new Set<number>();
const SEEN_LIMIT = 5000;
let cursor: number | undefined;

/** The id of the newest event passed on: where catch-up starts. `undefined` before the first. */
export const liveCursor = (): number | undefined => cursor;

/** Sets the cursor without passing anything on (the head of the stream at start, or after a reset). */
export function moveCursor(to: number): void {
  if (cursor === undefined || to > cursor) cursor = to;
}

/** Calls `listener` with every new staff event, once per event id. Returns the unsubscribe. */
export function onStaffEvent(listener: (event: StaffEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Calls `listener` when the store missed too much to pass it on event by event (a long time
 * offline): lists reload their first page instead. Returns the unsubscribe.
 */
export function onReset(listener: () => void): () => void {
  resetListeners.add(listener);
  return () => resetListeners.delete(listener);
}

/** Passes one event on to every listener, unless it was passed on before. Returns whether it was new. */
export function applyStaffEvent(event: StaffEvent): boolean {
  if (seen.has(event.id)) return false;
  seen.add(event.id);
  if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value as number);
  moveCursor(event.id);
  for (const listener of listeners) {
    try {
      listener(event);
    } catch (error) {
      // One screen's bug must not stop the others from hearing the event.
      console.error('Sori console: a live listener failed', error);
    }
  }
  return true;
}

/** Records who is on one submission now. */
export function applyPresence(update: Presence): void {
  const next = new Map(presence.peek());
  if (update.users.length) next.set(update.submissionId, update.users);
  else next.delete(update.submissionId);
  presence.value = next;
}

/** Tells the listeners of {@link onReset}. */
export function resetLists(): void {
  for (const listener of resetListeners) listener();
}

/** Forgets everything: on sign-out, and between tests. */
export function clearLiveStore(): void {
  seen.clear();
  cursor = undefined;
  presence.value = new Map();
  heardAt.value = undefined;
  liveState.value = 'idle';
}
