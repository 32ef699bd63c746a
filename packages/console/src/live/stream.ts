import type { Presence, StaffEvent, StaffEventsResponse } from '@sori/protocol';
import { desk, deskUrl } from '../api/client.js';
import { reconnectDelay } from './backoff.js';
import { applyPresence, applyStaffEvent, heardAt, liveCursor, liveState, moveCursor, resetLists } from './live-store.js';

/**
 * Feeds the live store from `GET /v1/desk/events`: catch up as JSON from the cursor, then the
 * Server-Sent Events stream from there. A dropped stream (an `error`, or 35 s without a word:
 * two heartbeats missed) is closed and opened again after a backoff, catching up first; the page
 * never reloads, and the status line says when it is reconnecting or offline.
 */

/** A stream that said nothing for this long (heartbeats come every 15 s) is dead. */
export const DEAD_AFTER_MS = 35_000;
/** Events per catch-up page. */
const PAGE = 500;
/** Catch-up pages before giving up on event-by-event and asking lists to reload. */
const MAX_PAGES = 10;

let source: EventSource | undefined;
let watchdog: ReturnType<typeof setTimeout> | undefined;
let retry: ReturnType<typeof setTimeout> | undefined;
let attempt = 0;
let running = false;
// Bumped on every (re)connect and stop, so that a late answer of an abandoned attempt is ignored.
let generation = 0;

function heard(): void {
  heardAt.value = Date.now();
  clearTimeout(watchdog);
  watchdog = setTimeout(() => drop(), DEAD_AFTER_MS);
}

/** Pulls every event after the cursor as JSON; the first time, only learns where the stream is now. */
async function catchUp(run: number): Promise<void> {
  if (liveCursor() === undefined) {
    // Without `after` the server answers no history, only the newest event id (the head).
    const head = await desk<StaffEventsResponse>('GET', '/v1/desk/events', { query: { limit: 1 } });
    if (run === generation) moveCursor(head.cursor);
    return;
  }
  for (let page = 0; run === generation; page++) {
    if (page === MAX_PAGES) {
      resetLists();
      const head = await desk<StaffEventsResponse>('GET', '/v1/desk/events', { query: { limit: 1 } });
      moveCursor(head.cursor);
      return;
    }
    const answer = await desk<StaffEventsResponse>('GET', '/v1/desk/events', { query: { after: liveCursor(), limit: PAGE } });
    if (run !== generation) return;
    for (const event of answer.events) applyStaffEvent(event);
    moveCursor(answer.cursor);
    if (answer.events.length < PAGE) return;
  }
}

function open(run: number): void {
  const stream = new EventSource(deskUrl('/v1/desk/events', { after: liveCursor() }), { withCredentials: true });
  source = stream;
  stream.addEventListener('open', () => {
    if (run !== generation) return;
    attempt = 0;
    liveState.value = 'live';
    heard();
  });
  // Named SSE events arrive as MessageEvents; their data is the protocol's StaffEvent or Presence.
  stream.addEventListener('event', (message) => {
    if (run !== generation) return;
    heard();
    applyStaffEvent(JSON.parse((message as MessageEvent<string>).data) as StaffEvent);
  });
  stream.addEventListener('presence', (message) => {
    if (run !== generation) return;
    heard();
    applyPresence(JSON.parse((message as MessageEvent<string>).data) as Presence);
  });
  stream.addEventListener('heartbeat', () => run === generation && heard());
  // The browser would reconnect on its own, but from Last-Event-ID and without our status line
  // or a 401 check; closing and catching up as JSON covers both.
  stream.addEventListener('error', () => run === generation && drop());
}

async function connect(): Promise<void> {
  const run = ++generation;
  liveState.value = attempt === 0 && liveCursor() === undefined ? 'connecting' : 'reconnecting';
  try {
    await catchUp(run);
  } catch {
    if (run === generation) drop();
    return;
  }
  if (run === generation && running) open(run);
}

function close(): void {
  source?.close();
  source = undefined;
  clearTimeout(watchdog);
  clearTimeout(retry);
}

/** Closes a dead or failed stream and tries again after a backoff. */
function drop(): void {
  close();
  generation++;
  if (!running) return;
  liveState.value = navigator.onLine === false ? 'offline' : 'reconnecting';
  retry = setTimeout(() => void connect(), reconnectDelay(attempt++));
}

function onOnline(): void {
  if (!running || liveState.peek() === 'live') return;
  close();
  attempt = 0;
  void connect();
}

function onOffline(): void {
  if (running) liveState.value = 'offline';
}

/** Starts the one live connection of this page (again after {@link stopLive}); does nothing if it runs. */
export function startLive(): void {
  if (running) return;
  running = true;
  attempt = 0;
  addEventListener('online', onOnline);
  addEventListener('offline', onOffline);
  void connect();
}

/** Stops the live connection: on sign-out. */
export function stopLive(): void {
  running = false;
  generation++;
  close();
  removeEventListener('online', onOnline);
  removeEventListener('offline', onOffline);
  liveState.value = 'idle';
}
