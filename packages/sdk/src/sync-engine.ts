import { LIMITS, PATHS } from '@sori/protocol/constants';
import type { MessageBatchResult, SubmissionBatchResult } from '@sori/protocol';
import { backoff, present, waiting, type Context } from './context.js';
import { isHttpError } from './errors.js';
import { isTransient, request } from './http.js';
import type { StoredItem } from './outbox.js';
import type { Delivery, Rejection } from './types.js';


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
    // Missing outside browsers and in old ones; then the in-instance guard of `flush` is all there is.
    const locks = globalThis.navigator?.locks;
    if (!locks) return work();
    await locks.request('sori-sync', work);
  }

  async #send(): Promise<void> {
    clearTimeout(this.#timer);
    // Offline, every attempt would fail: wait for the `online` event instead of burning retries.
    if (!this.#ctx.status.online) return;
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
      this.#ctx.retryAt = undefined;
      this.#ctx.setStatus({ error: undefined });
    } catch (error) {
      this.#failures++;
      if (isTransient(error)) {
        retryAfterMs = isHttpError(error) && error.retryAfter ? error.retryAfter * 1000 : undefined;
      } else {
        // Refused as a whole (unknown site, origin not allowed, …): the site owner has to fix the set-up,
        // so the items wait, queued and never dropped, and we ask again only now and then.
        retryAfterMs = this.#ctx.maxRetryDelayMs;
        if (isHttpError(error)) this.#ctx.setStatus({ error: { code: error.code, message: error.message, ...present({ field: error.field }) } });
      }
    } finally {
      this.#ctx.setStatus({ syncing: false, pending: await this.#pending() });
    }
    if (this.#failures > 0) this.#schedule(retryAfterMs);
  }

  /** Tries again later: after what the server asked for (`Retry-After`), or after a backoff. */
  #schedule(retryAfterMs?: number): void {
    const delay = retryAfterMs ?? backoff(this.#failures, this.#ctx.maxRetryDelayMs);
    // Shown on every waiting item (see `toItem`); one value, not a write per item per failure.
    this.#ctx.retryAt = new Date(Date.now() + delay).toISOString();
    this.#timer = setTimeout(() => void this.flush(), delay);
  }

  async #pending(): Promise<number> {
    const all = await this.#ctx.outbox.all();
    return all.reduce((n, i) => n + +waiting(i) + i.outgoing.filter(waiting).length, 0);
  }

  async #sendItems(batch: StoredItem[]): Promise<void> {
    for (const item of batch) await this.#ctx.update(item.id, (c) => (waiting(c) ? { ...c, delivery: 'sending' } : undefined));
    let answer: SubmissionBatchResult;
    try {
      answer = await request<SubmissionBatchResult>(this.#ctx.credentials, PATHS.submissions, { items: batch.map((i) => i.wire) });
    } catch (error) {
      // A request refused for what it carries (400, 413, 422) will be refused again: its items are
      // rejected with the reason, kept for edit-and-resend. Anything else (network, 5xx, 429, and
      // 401/403, which the site owner fixes in the set-up) leaves them queued.
      const final = isHttpError(error) && !isTransient(error) && error.status !== 401 && error.status !== 403;
      for (const item of batch) {
        await this.#ctx.update(item.id, (c) =>
          !waiting(c) ? undefined : final ? { ...c, delivery: 'rejected', error: { code: error.code, message: error.message, ...present({ field: error.field }) } } : { ...c, delivery: 'queued' },
        );
      }
      if (!final) throw error;
      return;
    }
    let accepted = false;
    for (const result of answer.results) {
      if (result.result === 'rejected') {
        await this.#ctx.update(result.clientId, (c) => ({ ...c, delivery: 'rejected', error: result.error as Rejection }));
        continue;
      }
      accepted = true;
      const r = result.receipt;
      // The update stream may have told us of later events already: its status stands.
      await this.#ctx.update(result.clientId, (c) => ({
        ...c,
        delivery: 'accepted',
        serverId: r.id,
        trackingNumber: r.trackingNumber,
        status: c.status ?? r.status,
        publicStatus: c.publicStatus ?? r.publicStatus,
        expectedResponseBy: r.expectedResponseBy,
      }));
    }
    if (accepted) this.#ctx.onAccepted();
  }

  async #sendMessages(all: StoredItem[]): Promise<void> {
    const ready = all.filter((i) => i.delivery === 'accepted' && i.outgoing.some(waiting));
    const messages = ready.flatMap((i) =>
      i.outgoing
        .filter(waiting)
        .map((m) => ({ clientId: m.clientId, submissionClientId: i.id, message: m.message, createdAt: m.createdAt })),
    );
    for (let i = 0; i < messages.length; i += LIMITS.batchItems) {
      await this.#applyMessageResults(ready, await request<MessageBatchResult>(this.#ctx.credentials, PATHS.messages, { items: messages.slice(i, i + LIMITS.batchItems) }));
    }
  }

  async #applyMessageResults(ready: StoredItem[], answer: MessageBatchResult): Promise<void> {
    for (const item of ready) await this.#ctx.update(item.id, (current) => {
      const outgoing = current.outgoing.flatMap((m) => {
        const result = answer.results.find((r) => r.clientId === m.clientId);
        if (!result) return [m];
        // Accepted messages leave `outgoing`: they are in the timeline now.
        if (result.result === 'rejected') return [{ ...m, delivery: 'rejected' as const, error: result.error as Rejection }];
        return [];
      });
      const events = answer.results.flatMap((r) => (r.result !== 'rejected' && r.event.clientId === item.id ? [r.event] : []));
      const timeline = [...current.timeline, ...events.filter((e) => !current.timeline.some((t) => t.id === e.id))];
      return { ...current, outgoing, timeline };
    });
  }
}
