import { LIMITS, PATHS } from '@sori/protocol/constants';
import type { MessageBatchResult, SubmissionBatchResult } from '@sori/protocol';
import { backoff, lead, OUTBOX_MAX_AGE_DAYS, pending, rejection, waiting, withEvents, type Context } from './context.js';
import { isHttpError } from './errors.js';
import { isTransient, request } from './http.js';
import type { StoredItem } from './outbox.js';
import type { Rejection } from './types.js';

/** The sender: see {@link syncEngine}. */
export interface SyncEngine {
  /**
   * Sends now; resolves when what was waiting at the call has been tried. A call during a pass
   * asks for one more pass after it (the running one may have read the outbox before the call).
   */
  flush(): Promise<void>;
  /** Cancels the retry timer. */
  stop(): void;
}

/**
 * Sends what waits in the outbox: items in batches, then shopper messages of accepted items.
 * At-least-once: nothing leaves the outbox's "waiting" states until the server acknowledged it,
 * and the server is idempotent on client ids, so each item is stored exactly once.
 */
export function syncEngine(ctx: Context): SyncEngine {
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  function flush(): Promise<void> {
    if (!running) {
      // One sender per origin: tabs take turns through a Web Lock.
      running = lead(`${ctx.name}:sync`, send).finally(() => (running = undefined));
      return running;
    }
    // A call during a pass asks for one more pass after it (the running one may have read the
    // outbox before the call), unless that pass failed: a retry is scheduled, and what waits goes with it.
    return (queued ??= running.then(() => {
      queued = undefined;
      return failures ? undefined : flush();
    }));
  }

  async function send(): Promise<void> {
    clearTimeout(timer);
    // Offline, every attempt would fail: wait for the `online` event instead of burning retries
    // (and reading nothing: a shopper may queue hundreds of items offline).
    if (!ctx.status.online) return;
    // One read serves both: items too old to send (see OUTBOX_MAX_AGE_DAYS) are told, kept and
    // not sent; the rest of what waits is sent.
    const oldest = new Date(Date.now() - OUTBOX_MAX_AGE_DAYS * 864e5).toISOString();
    const items: StoredItem[] = [];
    for (const item of (await ctx.outbox.all()).filter(waiting)) {
      if (item.createdAt >= oldest) items.push(item);
      else await ctx.update(item.id, (c) => (waiting(c) ? { ...c, delivery: 'rejected', error: { code: 'expired', message: `Not sent in ${OUTBOX_MAX_AGE_DAYS} days` } } : undefined));
    }
    ctx.setStatus({ syncing: true });
    let retryAfterMs: number | undefined;
    try {
      for (let i = 0; i < items.length; i += LIMITS.batchItems) await sendItems(items.slice(i, i + LIMITS.batchItems));
      await sendMessages(await ctx.outbox.all());
      failures = 0;
      ctx.retryAt = undefined;
      ctx.setStatus({ error: undefined });
    } catch (error) {
      failures++;
      if (isTransient(error)) {
        retryAfterMs = isHttpError(error) && error.retryAfter ? error.retryAfter * 1000 : undefined;
      } else {
        // Refused as a whole (unknown site, origin not allowed, …): the site owner has to fix the set-up,
        // so the items wait, queued and never dropped, and we ask again only now and then.
        retryAfterMs = ctx.maxRetryDelayMs;
        if (isHttpError(error)) ctx.setStatus({ error: rejection(error) });
      }
    } finally {
      ctx.setStatus({ syncing: false, pending: pending(await ctx.outbox.all()) });
    }
    if (failures) {
      // Try again after what the server asked for (`Retry-After`), or after a backoff.
      const delay = retryAfterMs ?? backoff(failures, ctx.maxRetryDelayMs);
      // Shown on every waiting item (see `toItem`); one value, not a write per item per failure.
      ctx.retryAt = new Date(Date.now() + delay).toISOString();
      timer = setTimeout(flush, delay);
    }
  }

  async function sendItems(batch: StoredItem[]): Promise<void> {
    for (const item of batch) await ctx.update(item.id, (c) => (waiting(c) ? { ...c, delivery: 'sending' } : undefined));
    let answer: SubmissionBatchResult;
    try {
      answer = await request<SubmissionBatchResult>(ctx.credentials, PATHS.submissions, { items: batch.map((i) => i.wire) });
    } catch (error) {
      // A request refused for what it carries (400, 413, 422) will be refused again: its items are
      // rejected with the reason, kept for edit-and-resend. Anything else (network, 5xx, 429, and
      // 401/403, which the site owner fixes in the set-up) leaves them queued.
      const final = isHttpError(error) && !isTransient(error) && error.status !== 401 && error.status !== 403;
      for (const item of batch) {
        await ctx.update(item.id, (c) => (!waiting(c) ? undefined : final ? { ...c, delivery: 'rejected', error: rejection(error) } : { ...c, delivery: 'queued' }));
      }
      if (!final) throw error;
      return;
    }
    let accepted = false;
    for (const result of answer.results) {
      if (result.result === 'rejected') {
        // The protocol's error carries the same code, message and field.
        await ctx.update(result.clientId, (c) => ({ ...c, delivery: 'rejected', error: result.error as Rejection }));
        continue;
      }
      accepted = true;
      const r = result.receipt;
      // The update stream may have told us of later events already: its status stands.
      await ctx.update(result.clientId, (c) => ({
        ...c,
        delivery: 'accepted',
        serverId: r.id,
        trackingNumber: r.trackingNumber,
        status: c.status ?? r.status,
        publicStatus: c.publicStatus ?? r.publicStatus,
        expectedResponseBy: r.expectedResponseBy,
      }));
    }
    if (accepted) ctx.onAccepted();
  }

  async function sendMessages(all: StoredItem[]): Promise<void> {
    const messages = all
      .filter((i) => i.delivery === 'accepted')
      .flatMap((i) => i.outgoing.filter(waiting).map((m) => ({ clientId: m.clientId, submissionClientId: i.id, message: m.message, createdAt: m.createdAt })));
    const owner = new Map(messages.map((m) => [m.clientId, m.submissionClientId]));
    for (let i = 0; i < messages.length; i += LIMITS.batchItems) {
      const answer = await request<MessageBatchResult>(ctx.credentials, PATHS.messages, { items: messages.slice(i, i + LIMITS.batchItems) });
      for (const r of answer.results) {
        // An accepted message leaves `outgoing` for the timeline; a rejected one stays, with the reason.
        await ctx.update(owner.get(r.clientId) ?? '', (c) => ({
          ...c,
          outgoing: c.outgoing.flatMap((m) => (m.clientId !== r.clientId ? [m] : r.result === 'rejected' ? [{ ...m, delivery: 'rejected' as const, error: r.error as Rejection }] : [])),
          timeline: r.result === 'rejected' ? c.timeline : withEvents(c.timeline, r.event),
        }));
      }
    }
  }

  return { flush, stop: () => clearTimeout(timer) };
}
