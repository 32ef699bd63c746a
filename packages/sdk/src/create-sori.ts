import { PATHS } from '@sori/protocol/constants';
import type { ErasureResult, PersonData, RatingResult, SiteConfig } from '@sori/protocol';
import { createContext } from './context.js';
import { Emitter } from './emitter.js';
import { SoriError } from './errors.js';
import { request } from './http.js';
import { lazyStream } from './lazy-stream.js';
import { checkText, newSubmission, type PageContext, type Who } from './new-submission.js';
import { OUTBOX_LIMIT, openOutbox, type StoredSubmission } from './outbox.js';
import { sendOnPageExit } from './page-exit.js';
import { reporterSecret } from './reporter.js';
import { lazySync } from './lazy-sync.js';
import { followTabs, openTabs } from './tabs.js';
import { watchTriggers } from './triggers.js';
import type { Sori, SoriEvents, SoriOptions, SubmitInput, Submission, SyncState } from './types.js';

const notFound = (clientId: string) => new SoriError('not_found', `No submission ${clientId} in this browser`);

/**
 * Creates the Sori browser client: an IndexedDB outbox, a sender and the reporter's event stream
 * (the last two loaded when first needed).
 *
 * @example
 * const sori = createSori({ site: 'pk_…', endpoint: 'https://sori.example.com' });
 * const submission = await sori.submit({ kind: 'complaint', message: 'The jar arrived cracked.' });
 */
export function createSori(options: SoriOptions): Sori {
  if (!options?.site) throw new SoriError('invalid_input', '`site` is required: the site key, pk_…');
  if (!options.endpoint) throw new SoriError('invalid_input', "`endpoint` is required: the Sori server's URL");
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const name = options.dbName ?? 'sori';
  const emitter = new Emitter<SoriEvents>();
  // Aborted by `destroy()`: every listener on the page goes with it.
  const listening = new AbortController();
  const syncState: SyncState = { online: globalThis.navigator?.onLine !== false, syncing: false, storage: 'indexeddb', pending: 0 };
  let who: Who = {};
  let pageContext: PageContext = {};
  let siteConfig: Promise<SiteConfig> | undefined;

  const ready = (async () => {
    const outbox = await openOutbox(name);
    const credentials = { endpoint, site: options.site, reporter: await reporterSecret(outbox) };
    const ctx = createContext({
      name,
      credentials,
      outbox,
      emitter,
      tabs: openTabs(name),
      pageExit: sendOnPageExit(credentials, listening.signal),
      maxRetryDelayMs: options.maxRetryDelayMs ?? 300_000,
      pollIntervalMs: options.pollIntervalMs ?? 10_000,
      live: options.live !== false,
      syncState,
    });
    ctx.setSyncState({ storage: outbox.kind });
    const sync = lazySync(ctx);
    const stream = lazyStream(ctx);
    ctx.onAccepted = () => stream.start();
    followTabs(ctx, () => stream.start());
    return { ctx, sync, stream };
  })();
  watchTriggers(ready, listening.signal);

  /** The stored submission under `clientId`; throws `not_found` when this browser has none. */
  async function find(clientId: string): Promise<StoredSubmission> {
    const { ctx } = await ready;
    const stored = await ctx.outbox.get(clientId);
    if (!stored) throw notFound(clientId);
    return stored;
  }

  /** Changes a submission and answers the shopper's view of it; throws `not_found` when it is gone. */
  async function change(clientId: string, edit: (current: StoredSubmission) => StoredSubmission): Promise<Submission> {
    const { ctx } = await ready;
    const changed = await ctx.update(clientId, edit);
    if (!changed) throw notFound(clientId);
    return ctx.view(changed);
  }

  async function submit(input: SubmitInput): Promise<Submission> {
    const stored = newSubmission(input, who, pageContext);
    const { ctx, sync } = await ready;
    if (syncState.pending >= OUTBOX_LIMIT) throw new SoriError('outbox_full', `${OUTBOX_LIMIT} submissions and messages wait to be sent`);
    // "Saved" only once the IndexedDB transaction completed.
    await ctx.save(stored);
    ctx.setSyncState({ pending: syncState.pending + 1 });
    void sync.flush();
    return ctx.view(stored);
  }

  return {
    submit,
    async submissions() {
      const { ctx } = await ready;
      return (await ctx.outbox.all()).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)).map(ctx.view);
    },
    async submission(clientId) {
      const { ctx } = await ready;
      const stored = await ctx.outbox.get(clientId);
      return stored && ctx.view(stored);
    },
    async sendMessage(clientId, text) {
      const message = { clientId: crypto.randomUUID(), text: checkText(text, 'text'), createdAt: new Date().toISOString(), sendState: 'queued' as const };
      const changed = await change(clientId, (stored) => ({ ...stored, outgoing: [...stored.outgoing, message] }));
      const { ctx, sync } = await ready;
      ctx.setSyncState({ pending: syncState.pending + 1 });
      void sync.flush();
      return changed;
    },
    async rate(clientId, rating) {
      const { credentials } = (await ready).ctx;
      const stored = await find(clientId);
      if (!stored.id) throw new SoriError('not_ready', 'Only a resolved submission can be rated: this one has not reached the server yet');
      const { submission: server } = await request<RatingResult>(credentials, PATHS.rating(stored.id), rating);
      // A low score sends the submission back to staff: the status and timeline change with the rating.
      return change(clientId, (c) => ({ ...c, rating, status: server.status, publicStatus: server.publicStatus, timeline: server.timeline }));
    },
    async resend(clientId, changes = {}) {
      const stored = await find(clientId);
      if (stored.sendState !== 'rejected') throw new SoriError('invalid_input', 'Only a rejected submission can be resent');
      const next = await submit({ kind: stored.kind, message: stored.message, ...changes });
      await (await ready).ctx.remove(clientId);
      return next;
    },
    async markRead(clientId) {
      const { ctx } = await ready;
      await find(clientId);
      await ctx.update(clientId, (stored) => {
        const lastRead = Math.max(stored.lastRead, ...stored.timeline.map((e) => e.id));
        return lastRead === stored.lastRead ? undefined : { ...stored, lastRead };
      });
    },
    async exportData() {
      const { ctx } = await ready;
      return request<PersonData>(ctx.credentials, PATHS.reporterData);
    },
    async eraseData() {
      const { ctx, sync } = await ready;
      // This browser first, so that nothing more is sent; then, once a send under way is over
      // (the server then has it, and erases it with the rest), the server.
      for (const stored of await ctx.outbox.all()) await ctx.remove(stored.clientId);
      ctx.setSyncState({ pending: 0 });
      await sync.flush();
      await request<ErasureResult>(ctx.credentials, PATHS.reporterErasure, { confirm: true });
      emitter.emit('sync', { ...syncState });
    },
    identify(next) {
      who = { ...who, ...next };
    },
    setContext(next) {
      pageContext = { ...pageContext, ...next };
    },
    config() {
      siteConfig ??= ready.then(({ ctx }) => request<SiteConfig>(ctx.credentials, PATHS.site));
      return siteConfig;
    },
    syncState: () => ({ ...syncState }),
    async flush() {
      await (await ready).sync.flush();
    },
    on: (event, listener) => emitter.on(event, listener),
    off: (event, listener) => emitter.off(event, listener),
    destroy() {
      listening.abort();
      void ready.then(({ ctx, sync, stream }) => {
        ctx.tabs.close();
        sync.stop();
        stream.stop();
        emitter.clear();
      });
    },
  };
}
