import { LIMITS, PATHS } from '@sori/protocol/constants';
import type { MessageBatchResult, SubmissionBatchResult } from '@sori/protocol';
import { backoff, present, type Context } from './context.js';
import { isHttpError } from './errors.js';
import { isTransient, request } from './http.js';
import type { StoredItem } from './outbox.js';
import type { Delivery, Rejection } from './types.js';

/** Whether something still waits to reach the server. */
const waiting = (thing: { delivery: Delivery }): boolean => thing.delivery === 'queued' || thing.delivery === 'sending';


/**
 * Sends what waits in the outbox: items in batches, then shopper messages of accepted items.
 * At-least-once: nothing leaves the outbox's "waiting" states until the server acknowledged it,
 * and the server is idempotent on client ids, so each item is stored exactly once.
 */
export class SyncEngine {
  #running: Promise<void> | undefined;
  #queued: Promise<void> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;

  readonly #ctx: Context;

  constructor(ctx: Context) {
    this.#ctx = ctx;
  }

  /**
   * Sends now; resolves when what was waiting at the call has been tried. A call during a pass
   * asks for one more pass after it (the running one may have read the outbox before the call).
   */
  flush(): Promise<void> {
    if (!this.#running) {
      this.#running = this.#withLock(() => this.#send()).finally(() => (this.#running = undefined));
      return this.#running;
    }
    this.#queued ??= this.#running.then(() => {
      this.#queued = undefined;
      return this.flush();
    });
    return this.#queued;
  }

  stop(): void {
    clearTimeout(this.#timer);
  }

  /** One sender per origin: tabs take turns through a Web Lock where the browser has them. */
  async #withLock(work: () => Promise<void>): Promise<void> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return work();
    await locks.request('sori-sync', work);
  }

  async #send(): Promise<void> {
    clearTimeout(this.#timer);
    this.#ctx.setStatus({ syncing: true });
    let retryAfterMs: number | undefined;
    try {
      const all = await this.#ctx.outbox.all();
      const items = all.filter(waiting);
      for (let i = 0; i < items.length; i += LIMITS.batchItems) {
        await this.#sendItems(items.slice(i, i + LIMITS.batchItems));
      }
      await this.#sendMessages(await this.#ctx.outbox.all());
      this.#failures = 0;
    } catch (error) {
      this.#failures++;
      retryAfterMs = isHttpError(error) && error.retryAfter ? error.retryAfter * 1000 : undefined;
    } finally {
      this.#ctx.setStatus({ syncing: false, pending: await this.#pending() });
    }
    if (this.#failures > 0) this.#schedule(retryAfterMs);
  }

  /** Tries again later: after what the server asked for (`Retry-After`), or after a backoff. */
  #schedule(retryAfterMs?: number): void {
    const delay = retryAfterMs ?? backoff(this.#failures, this.#ctx.maxRetryDelayMs);
    const at = new Date(Date.now() + delay).toISOString();
    void this.#markWaiting((item) => ({ ...item, nextRetryAt: at }));
    this.#timer = setTimeout(() => void this.flush(), delay);
  }

  async #markWaiting(change: (item: StoredItem) => StoredItem): Promise<void> {
    for (const item of await this.#ctx.outbox.all()) {
      if (waiting(item)) await this.#ctx.save(change(item));
    }
  }

  async #pending(): Promise<number> {
    const all = await this.#ctx.outbox.all();
    return all.reduce((n, i) => n + +waiting(i) + i.outgoing.filter(waiting).length, 0);
  }

  async #sendItems(batch: StoredItem[]): Promise<void> {
    for (const item of batch) await this.#ctx.save({ ...item, delivery: 'sending', attempts: item.attempts + 1 });
    let answer: SubmissionBatchResult;
    try {
      answer = await request<SubmissionBatchResult>(this.#ctx.credentials, PATHS.submissions, { method: 'POST', body: { items: batch.map((i) => i.wire) } });
    } catch (error) {
      if (isTransient(error)) {
        for (const item of batch) await this.#ctx.save({ ...(await this.#current(item)), delivery: 'queued' });
        throw error;
      }
      // The whole request was refused for good (unknown site, origin not allowed, …): say why on each item.
      const reason: Rejection = isHttpError(error)
        ? { code: error.code, message: error.message, ...present({ field: error.field }) }
        : { code: 'invalid', message: String(error) };
      for (const item of batch) await this.#ctx.save({ ...(await this.#current(item)), delivery: 'rejected', error: reason });
      return;
    }
    let accepted = false;
    for (const result of answer.results) {
      const item = batch.find((i) => i.id === result.clientId);
      if (!item) continue;
      const { nextRetryAt: _, ...current } = await this.#current(item);
      if (result.result === 'rejected') {
        await this.#ctx.save({ ...current, delivery: 'rejected', error: result.error as Rejection });
        continue;
      }
      accepted = true;
      const r = result.receipt;
      await this.#ctx.save({
        ...current,
        delivery: 'accepted',
        serverId: r.id,
        trackingNumber: r.trackingNumber,
        status: current.status ?? r.status,
        publicStatus: current.publicStatus ?? r.publicStatus,
        expectedResponseBy: r.expectedResponseBy,
      });
    }
    if (accepted) this.#ctx.onAccepted();
  }

  async #current(item: StoredItem): Promise<StoredItem> {
    return (await this.#ctx.outbox.get(item.id)) ?? item;
  }

  async #sendMessages(all: StoredItem[]): Promise<void> {
    const ready = all.filter((i) => i.delivery === 'accepted' && i.outgoing.some(waiting));
    const messages = ready.flatMap((i) =>
      i.outgoing
        .filter(waiting)
        .map((m) => ({ clientId: m.clientId, submissionClientId: i.id, message: m.message, createdAt: m.createdAt })),
    );
    if (messages.length === 0) return;
    const answer = await request<MessageBatchResult>(this.#ctx.credentials, PATHS.messages, {
      method: 'POST',
      body: { items: messages.slice(0, LIMITS.batchItems) },
    });
    for (const item of ready) {
      const current = await this.#current(item);
      const outgoing = current.outgoing.flatMap((m) => {
        const result = answer.results.find((r) => r.clientId === m.clientId);
        if (!result) return [m];
        // Accepted messages leave `outgoing`: they are in the timeline now.
        if (result.result === 'rejected') return [{ ...m, delivery: 'rejected' as const, error: result.error as Rejection }];
        return [];
      });
      const events = answer.results.flatMap((r) => (r.result !== 'rejected' && r.event.clientId === item.id ? [r.event] : []));
      const timeline = [...current.timeline, ...events.filter((e) => !current.timeline.some((t) => t.id === e.id))];
      await this.#ctx.save({ ...current, outgoing, timeline });
    }
  }
}
