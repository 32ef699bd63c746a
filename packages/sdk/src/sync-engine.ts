import { LIMITS, PATHS } from '@sori/protocol/constants';
import type { MessageBatchResult, MessageInput, SubmissionBatchResult } from '@sori/protocol';
import { backoff } from './backoff.js';
import type { Context } from './context.js';
import { isHttpError, rejection } from './errors.js';
import { isTransient, request } from './http.js';
import { lead } from './lead.js';
import { OUTBOX_MAX_AGE_DAYS, type StoredSubmission } from './outbox.js';
import { pending, waiting } from './send-state.js';
import { withEvent } from './timeline.js';

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
 * Sends what waits in the outbox: submissions in batches, then shopper messages of accepted
 * submissions. At-least-once: nothing leaves the outbox's waiting states until the server
 * acknowledged it, and the server is idempotent on client ids, so each is stored exactly once.
 */
export function syncEngine(ctx: Context): SyncEngine {
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  function flush(): Promise<void> {
    if (!running) {
      // One sender per origin: tabs take turns through a Web Lock.
      running = lead(`${ctx.name}:sync`, pass).finally(() => (running = undefined));
      return running;
    }
    // A call during a pass asks for one more pass after it (the running one may have read the
    // outbox before the call), unless that pass failed: a retry is scheduled, and what waits goes with it.
    return (queued ??= running.then(() => {
      queued = undefined;
      return failures ? undefined : flush();
    }));
  }

  async function pass(): Promise<void> {
    clearTimeout(timer);
    // Offline, every try would fail: wait for the `online` event instead of burning retries
    // (and reading nothing: a shopper may queue hundreds of submissions offline).
    if (!ctx.syncState.online) return;
    ctx.setSyncState({ syncing: true });
    let retryAfterMs: number | undefined;
    try {
      await send();
      failures = 0;
      ctx.retryAt = undefined;
      ctx.setSyncState({ error: undefined });
    } catch (error) {
      failures++;
      if (isTransient(error)) {
        retryAfterMs = isHttpError(error) && error.retryAfter ? error.retryAfter * 1000 : undefined;
      } else {
        // Waiting alone will not help: the server refuses the site as a whole (unknown site, origin
        // not allowed: the site owner fixes the set-up), or the SDK itself failed. What waits stays
        // queued, never dropped, and is tried again only now and then; the widget shows why.
        retryAfterMs = ctx.maxRetryDelayMs;
        const reason = rejection(error);
        // A failure of our own code would otherwise go unseen: tell the developer, once per new reason.
        if (!isHttpError(error) && ctx.syncState.error?.message !== reason.message) console.error('Sori could not send:', error);
        ctx.setSyncState({ error: reason });
      }
    } finally {
      ctx.setSyncState({ syncing: false, pending: pending(await ctx.outbox.all()) });
    }
    if (failures) {
      // Try again after what the server asked for (`Retry-After`), or after a backoff.
      const delay = retryAfterMs ?? backoff(failures, ctx.maxRetryDelayMs);
      // Shown on every waiting submission (see `toSubmission`); one value, not a write per submission per failure.
      ctx.retryAt = new Date(Date.now() + delay).toISOString();
      timer = setTimeout(flush, delay);
    }
  }

  async function send(): Promise<void> {
    // One read serves both: submissions too old to send (see OUTBOX_MAX_AGE_DAYS) are told, kept
    // and not sent; the rest of what waits is sent.
    const oldest = new Date(Date.now() - OUTBOX_MAX_AGE_DAYS * 864e5).toISOString();
    const batch: StoredSubmission[] = [];
    for (const stored of (await ctx.outbox.all()).filter(waiting)) {
      if (stored.createdAt >= oldest) batch.push(stored);
      else await ctx.update(stored.clientId, (c) => (waiting(c) ? { ...c, sendState: 'rejected', error: { code: 'expired', message: `Not sent in ${OUTBOX_MAX_AGE_DAYS} days` } } : undefined));
    }
    for (let i = 0; i < batch.length; i += LIMITS.batchSize) await sendSubmissions(batch.slice(i, i + LIMITS.batchSize));
    await sendMessages(await ctx.outbox.all());
  }

  async function sendSubmissions(batch: StoredSubmission[]): Promise<void> {
    for (const stored of batch) await ctx.update(stored.clientId, (c) => (waiting(c) ? { ...c, sendState: 'sending' } : undefined));
    try {
      await record(await request<SubmissionBatchResult>(ctx.credentials, PATHS.submissions, { submissions: batch.map((s) => s.wire) }));
    } catch (error) {
      // A request refused for what it carries (400, 413, 422) will be refused again: its submissions
      // are rejected with the reason, kept for edit-and-resend. Anything else (network, 5xx, 429,
      // 401/403, which the site owner fixes in the set-up, and an answer we could not read) leaves
      // what is not yet recorded queued.
      const final = isHttpError(error) && !isTransient(error) && error.status !== 401 && error.status !== 403;
      for (const stored of batch) {
        await ctx.update(stored.clientId, (c) => (!waiting(c) ? undefined : final ? { ...c, sendState: 'rejected', error: rejection(error) } : { ...c, sendState: 'queued' }));
      }
      if (!final) throw error;
    }
  }

  /** Stores the server's answer to a batch: each submission accepted (with its receipt) or rejected. */
  async function record(answer: SubmissionBatchResult): Promise<void> {
    let accepted = false;
    for (const result of answer.results) {
      if (result.result === 'rejected') {
        // The protocol's error carries the same code, message and field.
        await ctx.update(result.clientId, (c) => ({ ...c, sendState: 'rejected', error: result.error }));
        continue;
      }
      accepted = true;
      const r = result.receipt;
      // The event stream may have told us of later events already: its status stands.
      await ctx.update(result.clientId, (c) => ({
        ...c,
        sendState: 'accepted',
        id: r.id,
        trackingNumber: r.trackingNumber,
        status: c.status ?? r.status,
        publicStatus: c.publicStatus ?? r.publicStatus,
        expectedResponseBy: r.expectedResponseBy,
      }));
    }
    if (accepted) ctx.onAccepted();
  }

  async function sendMessages(all: StoredSubmission[]): Promise<void> {
    const messages: MessageInput[] = all
      .filter((s) => s.sendState === 'accepted')
      .flatMap((s) => s.outgoing.filter(waiting).map((m) => ({ clientId: m.clientId, submissionClientId: s.clientId, text: m.text, createdAt: m.createdAt })));
    const owner = new Map(messages.map((m) => [m.clientId, m.submissionClientId]));
    for (let i = 0; i < messages.length; i += LIMITS.batchSize) {
      const answer = await request<MessageBatchResult>(ctx.credentials, PATHS.messages, { messages: messages.slice(i, i + LIMITS.batchSize) });
      for (const r of answer.results) {
        // An accepted message leaves `outgoing` for the timeline; a rejected one stays, with the reason.
        await ctx.update(owner.get(r.clientId) ?? '', (c) => ({
          ...c,
          outgoing: c.outgoing.flatMap((m) => (m.clientId !== r.clientId ? [m] : r.result === 'rejected' ? [{ ...m, sendState: 'rejected' as const, error: r.error }] : [])),
          timeline: r.result === 'rejected' ? c.timeline : withEvent(c.timeline, r.event),
        }));
      }
    }
  }

  return { flush, stop: () => clearTimeout(timer) };
}
