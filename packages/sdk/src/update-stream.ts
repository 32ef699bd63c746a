import { HEARTBEAT_EVENT, HEARTBEAT_SECONDS, PATHS, STREAM_EVENT } from '@sori/protocol/constants';
import type { EventsResponse, PublicEvent, StreamTicket } from '@sori/protocol';
import { backoff } from './backoff.js';
import type { Context } from './context.js';
import { request } from './http.js';
import { lead } from './lead.js';
import { present } from './present.js';
import type { StoredSubmission } from './outbox.js';
import { withEvent } from './timeline.js';

/** SSE failures in a row before falling back to polling. */
const SSE_ATTEMPTS = 3;

/**
 * How long a stream may stay silent before it counts as dead: two missed heartbeats and some
 * slack. A connection a proxy or a sleeping radio froze sends nothing and never closes, and the
 * browser would wait on it forever.
 */
export const SILENCE_MS = (2 * HEARTBEAT_SECONDS + 5) * 1000;

/**
 * The reporter's events, live: status changes and replies from `GET /v1/reporter/events` as a
 * Server-Sent Events stream with a short-lived ticket (the reporter secret never goes into a URL),
 * resumed after the stored cursor; the same resource as JSON, polled, when SSE is not there or
 * keeps failing.
 *
 * One stream per browser: the tab holding the Web Lock `<db name>:stream` listens, stores what it
 * hears in the shared outbox and passes each event to the other tabs. When that tab closes, the
 * lock passes to a waiting tab, which resumes from the stored cursor, so nothing is missed and
 * nothing repeated.
 *
 * Loaded on demand (see `lazy-stream.ts`): a shopper with nothing accepted yet never downloads it.
 */
export class UpdateStream {
  #source: EventSource | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Fires when the open stream has been silent for {@link SILENCE_MS}. */
  #watchdog: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;
  #started = false;
  #stopped = false;
  /** Whether this tab holds the stream. */
  #leading = false;
  /** Events heard and not yet stored (see {@link UpdateStream.#hear}). */
  #heard: PublicEvent[] = [];
  /** The storing of what was heard, while it runs. */
  #applying: Promise<void> | undefined;
  /** Ends the lead (lets the lock go) on `stop`. */
  #release = () => {};

  readonly #ctx: Context;

  constructor(ctx: Context) {
    this.#ctx = ctx;
  }

  /** Starts once there is something to hear about; later calls do nothing. */
  async start(): Promise<void> {
    if (this.#started || this.#stopped || !this.#ctx.live) return;
    this.#started = true;
    await lead(`${this.#ctx.name}:stream`, async () => {
      if (this.#stopped) return;
      this.#leading = true;
      // The stream (or the first poll) starts after the stored cursor: what came meanwhile comes first.
      this.#connect();
      await new Promise<void>((resolve) => (this.#release = resolve));
    });
  }

  /** Closes the stream and lets the lead go to another tab. */
  stop(): void {
    this.#stopped = true;
    this.#release();
    this.#source?.close();
    clearTimeout(this.#timer);
    clearTimeout(this.#watchdog);
  }

  /** Looks for news now (the page became visible or came back online). */
  poke(): void {
    if (this.#leading && !this.#source && !this.#stopped) this.#poll();
  }

  #connect(): void {
    if (this.#stopped) return;
    if (typeof EventSource === 'undefined' || this.#failures >= SSE_ATTEMPTS) return this.#poll();
    void this.#openSource();
  }

  async #openSource(): Promise<void> {
    try {
      const { ticket } = await request<StreamTicket>(this.#ctx.credentials, PATHS.streamTickets, {});
      const after = (await this.#ctx.outbox.meta('cursor')) ?? 0;
      // Tickets are URL-safe (base64url) by construction. EventSource asks for `text/event-stream` itself.
      const source = new EventSource(`${this.#ctx.credentials.endpoint}${PATHS.events}?ticket=${ticket}&after=${after}`);
      this.#source = source;
      // Nothing is missed on a reconnect: ours asks after the stored cursor, and the browser's own
      // sends `Last-Event-ID`, which the server resumes from.
      const dead = () => {
        source.close();
        this.#source = undefined;
        clearTimeout(this.#watchdog);
        this.#retry();
      };
      // Anything heard (an event, a heartbeat) proves the stream alive for a while more.
      const alive = () => {
        clearTimeout(this.#watchdog);
        this.#watchdog = setTimeout(dead, SILENCE_MS);
      };
      alive();
      source.addEventListener('open', () => {
        this.#failures = 0;
        alive();
      });
      source.addEventListener(HEARTBEAT_EVENT, alive);
      source.addEventListener(STREAM_EVENT, (message) => {
        alive();
        // The server sends one `PublicEvent` as JSON per message.
        this.#hear(JSON.parse((message as MessageEvent<string>).data) as PublicEvent);
      });
      source.addEventListener('error', () => {
        // The browser retries by itself while CONNECTING; CLOSED means the ticket ran out or was refused.
        if (source.readyState === EventSource.CLOSED) dead();
      });
    } catch {
      this.#retry();
    }
  }

  #retry(): void {
    if (this.#stopped) return;
    this.#failures++;
    this.#timer = setTimeout(() => this.#connect(), backoff(this.#failures, 30_000));
  }

  #poll(): void {
    clearTimeout(this.#timer);
    const next = () => {
      if (!this.#stopped) this.#timer = setTimeout(() => this.#poll(), this.#ctx.pollIntervalMs);
    };
    void this.catchUp().then(next, next);
  }

  /** Applies what happened after the stored cursor: the polling form, and a page's catch-up when live events are off. */
  async catchUp(): Promise<void> {
    const after = (await this.#ctx.outbox.meta('cursor')) ?? 0;
    const answer = await request<EventsResponse>(this.#ctx.credentials, `${PATHS.events}?after=${after}`);
    this.#heard.push(...answer.events);
    await this.#applyHeard();
  }

  /**
   * Takes in an event heard on the stream. Events come in bursts (a bulk change, the catch-up after
   * a reconnect, the receipts of a backlog just sent): what arrives while a burst is being stored is
   * stored together next, one transaction for all of it.
   */
  #hear(event: PublicEvent): void {
    this.#heard.push(event);
    this.#applying ??= this.#applyHeard()
      // A failure is IndexedDB's, which the outbox answers by going to memory: nothing to do here.
      .catch(() => undefined)
      .finally(() => (this.#applying = undefined));
  }

  /**
   * Applies what was heard to its submissions and moves the cursor, in one transaction per burst,
   * then tells the page and the other tabs of each event that was new.
   */
  async #applyHeard(): Promise<void> {
    while (this.#heard[0]) {
      const events = this.#heard.splice(0);
      const fresh = new Set<PublicEvent>();
      await this.#ctx.updateMany(
        [...new Set(events.map((e) => e.clientId))],
        (stored) => {
          let next: StoredSubmission | undefined;
          for (const event of events) {
            const current = next ?? stored;
            if (event.clientId !== stored.clientId || current.timeline.some((e) => e.id === event.id)) continue;
            fresh.add(event);
            next = {
              ...current,
              // Any event of a submission proves the server has it.
              sendState: 'accepted',
              id: event.submissionId,
              status: event.status,
              publicStatus: event.publicStatus,
              timeline: withEvent(current.timeline, event),
              ...present({
                firstResponseAt: event.type === 'reply' && !current.firstResponseAt ? event.at : undefined,
                resolvedAt: event.status === 'resolved' ? event.at : undefined,
              }),
            };
          }
          return next;
        },
        Math.max(...events.map((e) => e.id)),
      );
      for (const event of events.filter((e) => fresh.has(e))) {
        this.#ctx.emitter.emit('event', event);
        this.#ctx.tabs.post({ event });
      }
    }
  }
}
