import { LIMITS, PATHS } from '@sori/protocol/constants';
import type { MessageBatchResult, MessageInput, SubmissionBatchResult, SubmissionResult } from '@sori/protocol';
import { backoff } from './backoff.js';
import type { Context } from './context.js';
import { isHttpError, rejection } from './errors.js';
import { isTransient, request } from './http.js';
import { lead } from './lead.js';
import { OUTBOX_MAX_AGE_DAYS, type StoredSubmission } from './outbox.js';
import { pending, waiting } from './send-state.js';
import { withEvent } from './timeline.js';

/**
 * Requests of submissions in flight at once. Browsers open at most 6 HTTP/1.1 connections to an
 * origin, one of which the event stream holds.
 */
const PARALLEL_REQUESTS = 3;

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
  /** Answers to store (see `record`), and the storing of the last ones. */
  let unrecorded = new Map<string, SubmissionResult>();
  let recorded: Promise<void> = Promise.resolve();
  /** Whether an answer since the last `onAccepted` accepted a submission. */
  let acceptedSome = false;

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
    const all = (await ctx.outbox.all()).filter(waiting);
    const batch = all.filter((s) => s.createdAt >= oldest);
    const expired = all.filter((s) => s.createdAt < oldest).map((s) => s.clientId);
    if (expired[0]) await ctx.updateMany(expired, (c) => (waiting(c) ? { ...c, sendState: 'rejected', error: { code: 'expired', message: `Not sent in ${OUTBOX_MAX_AGE_DAYS} days` } } : undefined));
    if (batch[0]) await sendSubmissions(batch);
    await sendMessages(await ctx.outbox.all());
  }

  /**
   * Sends what waits in batches, a few requests at a time (a backlog's round trips overlap, and the
   * server commits them together). All of it is marked `sending` in one transaction, which the
   * requests need not wait for: until it is recorded as answered, a submission counts as waiting
   * either way, and the answers are recorded after the mark (changes run in turn). After a failure
   * that may pass, no further batch starts, and what was not recorded goes back to `queued`.
   */
  async function sendSubmissions(waitingNow: StoredSubmission[]): Promise<void> {
    const clientIds = waitingNow.map((s) => s.clientId);
    const marked = ctx.updateMany(clientIds, (c) => (waiting(c) ? { ...c, sendState: 'sending' } : undefined));
    const batches: StoredSubmission[][] = [];
    for (let i = 0; i < waitingNow.length; i += LIMITS.batchSize) batches.push(waitingNow.slice(i, i + LIMITS.batchSize));
    let failure: unknown;
    const sender = async () => {
      for (let batch; !failure && (batch = batches.shift()); ) {
        try {
          await record(await request<SubmissionBatchResult>(ctx.credentials, PATHS.submissions, { submissions: batch.map((s) => s.wire) }));
        } catch (error) {
          // A request refused for what it carries (400, 413, 422) will be refused again: its submissions
          // are rejected with the reason, kept for edit-and-resend. Anything else (network, 5xx, 429,
          // 401/403, which the site owner fixes in the set-up, and an answer we could not read) leaves
          // what is not yet recorded queued.
          if (isHttpError(error) && !isTransient(error) && error.status !== 401 && error.status !== 403) {
            await ctx.updateMany(
              batch.map((s) => s.clientId),
              (c) => (waiting(c) ? { ...c, sendState: 'rejected', error: rejection(error) } : undefined),
            );
          } else failure ??= error;
        }
      }
    };
    await Promise.all([marked, ...Array.from({ length: PARALLEL_REQUESTS }, sender)]);
    // The event stream starts once the batches are through: its catch-up (an event for each
    // submission just sent) would otherwise wait in line with the sender's writes.
    if (acceptedSome) ctx.onAccepted();
    acceptedSome = false;
    if (failure) {
      await ctx.updateMany(clientIds, (c) => (waiting(c) ? { ...c, sendState: 'queued' } : undefined));
      throw failure;
    }
  }

  /**
   * Stores the server's answer to a batch: each submission accepted (with its receipt) or rejected.
   * Answers that come while one is being stored are stored together next, in one transaction.
   * Resolves once this answer is stored.
   */
  function record(answer: SubmissionBatchResult): Promise<void> {
    const first = !unrecorded.size;
    for (const result of answer.results) unrecorded.set(result.clientId, result);
    if (first) {
      recorded = recorded
        .catch(() => undefined)
        .then(() => {
          const results = unrecorded;
          unrecorded = new Map();
          return store(results);
        });
    }
    return recorded;
  }

  async function store(results: Map<string, SubmissionResult>): Promise<void> {
    await ctx.updateMany([...results.keys()], (c) => {
      const result = results.get(c.clientId);
      if (!result) return undefined;
      // The protocol's error carries the same code, message and field.
      if (result.result === 'rejected') return { ...c, sendState: 'rejected', error: result.error };
      const r = result.receipt;
      // The event stream may have told us of later events already: its status stands.
      return {
        ...c,
        sendState: 'accepted',
        id: r.id,
        trackingNumber: r.trackingNumber,
        status: c.status ?? r.status,
        publicStatus: c.publicStatus ?? r.publicStatus,
        expectedResponseBy: r.expectedResponseBy,
      };
    });
    if ([...results.values()].some((r) => r.result !== 'rejected')) acceptedSome = true;
  }

  async function sendMessages(all: StoredSubmission[]): Promise<void> {
    const messages: MessageInput[] = all
      .filter((s) => s.sendState === 'accepted')
      .flatMap((s) => s.outgoing.filter(waiting).map((m) => ({ clientId: m.clientId, submissionClientId: s.clientId, text: m.text, createdAt: m.createdAt })));
    for (let i = 0; i < messages.length; i += LIMITS.batchSize) {
      const sent = messages.slice(i, i + LIMITS.batchSize);
      const answer = await request<MessageBatchResult>(ctx.credentials, PATHS.messages, { messages: sent });
      const results = new Map(answer.results.map((r) => [r.clientId, r]));
      // An accepted message leaves `outgoing` for the timeline; a rejected one stays, with the reason.
      await ctx.updateMany([...new Set(sent.map((m) => m.submissionClientId))], (c) =>
        c.outgoing.reduce((next, m) => {
          const r = results.get(m.clientId);
          if (!r) return next;
          return {
            ...next,
            outgoing: next.outgoing.flatMap((o) => (o.clientId !== r.clientId ? [o] : r.result === 'rejected' ? [{ ...o, sendState: 'rejected' as const, error: r.error }] : [])),
            timeline: r.result === 'rejected' ? next.timeline : withEvent(next.timeline, r.event),
          };
        }, c),
      );
    }
  }

  return { flush, stop: () => clearTimeout(timer) };
}
