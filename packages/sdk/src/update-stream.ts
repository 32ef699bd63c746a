import { PATHS } from '@sori/protocol/constants';
import type { EventsResponse, PublicEvent, ReporterItem, ReporterItemsResponse, StreamTicket } from '@sori/protocol';
import { backoff, present, type Context } from './context.js';
import { request } from './http.js';
import type { StoredItem } from './outbox.js';

/** SSE failures in a row before falling back to polling. */
const SSE_ATTEMPTS = 3;

/** Folds the server's view of an item into the stored one. */
export function mergeServerItem(stored: StoredItem, server: ReporterItem): StoredItem {
  return {
    ...stored,
    delivery: 'accepted',
    serverId: server.id,
    trackingNumber: server.trackingNumber,
    status: server.status,
    publicStatus: server.publicStatus,
    expectedResponseBy: server.expectedResponseBy,
    timeline: server.timeline,
    ...present({ firstResponseAt: server.firstResponseAt, resolvedAt: server.resolvedAt, rating: server.rating }),
  };
}

/**
 * Live status changes and replies: Server-Sent Events with a short-lived ticket (the reporter
 * secret never goes into a URL), resumed from the last event id; polling when SSE is not there
 * or keeps failing.
 */
export class UpdateStream {
  #source: EventSource | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;
  /** Times a stream opened; from the second on it is a reconnect. */
  #opened = 0;
  #started = false;
  #stopped = false;

  readonly #ctx: Context;

  constructor(ctx: Context) {
    this.#ctx = ctx;
  }

  /** Starts once there is something to hear about. */
  async start(): Promise<void> {
    if (this.#started || this.#stopped || !this.#ctx.live) return;
    this.#started = true;
    await this.refresh().catch(() => undefined);
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    this.#source?.close();
    clearTimeout(this.#timer);
    this.#ctx.setStatus({ live: 'off' });
  }

  /** Re-reads this reporter's items from the server (after a reconnect nothing is missed). */
  async refresh(): Promise<void> {
    const since = (await this.#ctx.outbox.meta<number>('cursor')) ?? 0;
    const answer = await request<ReporterItemsResponse>(this.#ctx.credentials, `${PATHS.items}?since=${since}`);
    for (const server of answer.items) await this.#ctx.update(server.clientId, (stored) => mergeServerItem(stored, server));
    await this.#raiseCursor(answer.cursor);
  }

  /** Looks for news now (the page became visible or came back online). */
  poke(): void {
    if (this.#started && !this.#source && !this.#stopped) this.#poll();
  }

  #connect(): void {
    if (this.#stopped) return;
    if (typeof EventSource === 'undefined' || this.#failures >= SSE_ATTEMPTS) return this.#poll();
    void this.#openSource();
  }

  async #openSource(): Promise<void> {
    try {
      const { ticket } = await request<StreamTicket>(this.#ctx.credentials, PATHS.streamTickets, {});
      const cursor = (await this.#ctx.outbox.meta<number>('cursor')) ?? 0;
      // Tickets are URL-safe (base64url) by construction.
      const url = `${this.#ctx.credentials.endpoint}${PATHS.updates}?ticket=${ticket}&lastEventId=${cursor}`;
      const source = new EventSource(url);
      this.#source = source;
      source.addEventListener('open', () => {
        // A reconnect (ours or the browser's own): re-read what changed meanwhile, so nothing is missed.
        if (this.#opened++) void this.refresh().catch(() => undefined);
        this.#failures = 0;
        this.#ctx.setStatus({ live: 'sse' });
      });
      source.addEventListener('update', (message) => {
        void this.#apply(JSON.parse((message as MessageEvent<string>).data) as PublicEvent);
      });
      source.addEventListener('error', () => {
        // The browser retries by itself while CONNECTING; CLOSED means the ticket ran out or was refused.
        if (source.readyState !== EventSource.CLOSED) return;
        source.close();
        this.#source = undefined;
        this.#retry();
      });
    } catch {
      this.#retry();
    }
  }

  #retry(): void {
    if (this.#stopped) return;
    this.#failures++;
    this.#ctx.setStatus({ live: 'off' });
    this.#timer = setTimeout(() => this.#connect(), backoff(this.#failures, 30_000));
  }

  #poll(): void {
    clearTimeout(this.#timer);
    this.#ctx.setStatus({ live: 'polling' });
    const next = () => {
      if (!this.#stopped) this.#timer = setTimeout(() => this.#poll(), this.#ctx.pollIntervalMs);
    };
    void this.#pollOnce().then(next, next);
  }

  async #pollOnce(): Promise<void> {
    const after = (await this.#ctx.outbox.meta<number>('cursor')) ?? 0;
    const answer = await request<EventsResponse>(this.#ctx.credentials, `${PATHS.events}?after=${after}`);
    for (const event of answer.events) await this.#apply(event);
  }

  /** Applies one event to its item, keeps the cursor, and tells the page. */
  async #apply(event: PublicEvent): Promise<void> {
    const updated = await this.#ctx.update(event.clientId, (stored) =>
      stored.timeline.some((e) => e.id === event.id)
        ? undefined
        : {
            ...stored,
            // Any event of an item proves the server has it.
            delivery: 'accepted',
            serverId: event.submissionId,
            status: event.status,
        publicStatus: event.publicStatus,
            timeline: [...stored.timeline, event].sort((a, b) => a.id - b.id),
            ...present({
              firstResponseAt: event.type === 'reply' && !stored.firstResponseAt ? event.at : undefined,
              resolvedAt: event.status === 'resolved' ? event.at : undefined,
            }),
          },
    );
    if (updated) this.#ctx.emitter.emit('update', event);
    await this.#raiseCursor(event.id);
  }

  async #raiseCursor(id: number): Promise<void> {
    const cursor = (await this.#ctx.outbox.meta<number>('cursor')) ?? 0;
    if (id > cursor) await this.#ctx.outbox.setMeta('cursor', id);
  }
}
