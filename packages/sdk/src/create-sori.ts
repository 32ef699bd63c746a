import { KINDS, LIMITS, PATHS } from '@sori/protocol/constants';
import type { RatingResult, SiteConfig, SubmissionInput } from '@sori/protocol';
import { present, toItem, type Context } from './context.js';
import { Emitter } from './emitter.js';
import { SoriError } from './errors.js';
import { request, type Credentials } from './http.js';
import { openOutbox, type Outbox, type StoredItem } from './outbox.js';
import { SyncEngine } from './sync-engine.js';
import type { Item, Rating, Sori, SoriEvents, SoriOptions, SoriStatus, SubmitInput } from './types.js';
import { mergeServerItem, UpdateStream } from './update-stream.js';

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The reporter secret: 256 random bits made on first use and kept with the outbox. */
async function reporterSecret(outbox: Outbox): Promise<string> {
  const known = await outbox.meta<string>('reporter');
  if (known) return known;
  const secret = hex(crypto.getRandomValues(new Uint8Array(32)));
  await outbox.setMeta('reporter', secret);
  return secret;
}

function checkInput(input: SubmitInput): void {
  if (!KINDS.includes(input.kind)) throw new SoriError('invalid_input', `"kind" must be one of ${KINDS.join(', ')}; got "${String(input.kind)}"`);
  const message = typeof input.message === 'string' ? input.message.trim() : '';
  if (!message) throw new SoriError('invalid_input', '"message" is empty: write what happened');
  if (message.length > LIMITS.messageChars) throw new SoriError('invalid_input', `"message" is longer than ${LIMITS.messageChars} characters`);
}

/**
 * Creates the Sori browser client: an IndexedDB outbox, a sync engine and a live update stream.
 *
 * @example
 * const sori = createSori({ site: 'pk_…', endpoint: 'https://sori.example.com' });
 * const item = await sori.submit({ kind: 'complaint', message: 'The jar arrived cracked.' });
 */
export function createSori(options: SoriOptions): Sori {
  if (!options?.site) throw new SoriError('invalid_input', '`site` is required: the site key (pk_…) from `pnpm sori site create`');
  if (!options.endpoint) throw new SoriError('invalid_input', "`endpoint` is required: your Sori server's URL");
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const emitter = new Emitter<SoriEvents>();
  let who: { email?: string; name?: string; customerId?: string } = {};
  let pageContext: Record<string, string | number | boolean | null> = {};
  let siteConfig: Promise<SiteConfig> | undefined;
  let destroyed = false;
  const status: SoriStatus = { online: typeof navigator === 'undefined' || navigator.onLine !== false, syncing: false, storage: 'indexeddb', pending: 0, live: 'off' };

  const ready = (async () => {
    const outbox = await openOutbox(options.dbName ?? 'sori');
    const credentials: Credentials = { endpoint, site: options.site, reporter: await reporterSecret(outbox) };
    const ctx: Context = {
      credentials,
      outbox,
      emitter,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 300_000,
      pollIntervalMs: options.pollIntervalMs ?? 10_000,
      live: options.live !== false,
      status,
      async save(item) {
        await outbox.put(item);
        emitter.emit('item', toItem(item));
      },
      setStatus(patch) {
        const changed = (Object.keys(patch) as Array<keyof SoriStatus>).some((k) => patch[k] !== status[k]);
        Object.assign(status, patch);
        if (changed) emitter.emit('status', { ...status });
      },
      onAccepted: () => void stream.start(),
    };
    ctx.setStatus({ storage: outbox.kind });
    const sync = new SyncEngine(ctx);
    const stream = new UpdateStream(ctx);
    return { ctx, outbox, sync, stream, credentials };
  })();

  // Triggers: start-up (next page load sends what is left), back online, back to the tab.
  const onOnline = () => {
    void ready.then(({ ctx, sync, stream }) => {
      ctx.setStatus({ online: true });
      void sync.flush();
      stream.poke();
    });
  };
  const onOffline = () => void ready.then(({ ctx }) => ctx.setStatus({ online: false }));
  const onVisible = () => {
    if (document.visibilityState === 'visible') onOnline();
  };
  const listening = new AbortController();
  if (typeof window !== 'undefined') {
    const { signal } = listening;
    window.addEventListener('online', onOnline, { signal });
    window.addEventListener('offline', onOffline, { signal });
    document.addEventListener('visibilitychange', onVisible, { signal });
  }
  void ready.then(async ({ sync, stream, outbox }) => {
    if (destroyed) return;
    await sync.flush();
    if ((await outbox.all()).some((i) => i.delivery === 'accepted')) void stream.start();
  });

  async function find(id: string): Promise<StoredItem> {
    const { outbox } = await ready;
    const item = (await outbox.get(id)) ?? (await outbox.all()).find((i) => i.serverId === id);
    if (!item) throw new SoriError('not_found', `No item with id ${id} in this browser`);
    return item;
  }

  async function queue(input: SubmitInput): Promise<Item> {
    checkInput(input);
    const { ctx, sync } = await ready;
    const contact = { ...present({ email: who.email, name: who.name }), ...input.contact };
    const context = { ...present({ customerId: who.customerId }), ...pageContext, ...input.context };
    const wire: SubmissionInput = {
      clientId: crypto.randomUUID(),
      kind: input.kind,
      message: input.message.trim(),
      createdAt: new Date().toISOString(),
      ...present({
        contact: Object.keys(contact).length ? contact : undefined,
        context: Object.keys(context).length ? context : undefined,
        product: input.product,
        orderRef: input.orderRef,
        pageUrl: typeof location !== 'undefined' && /^https?:/.test(location.href) ? location.href : undefined,
        locale: typeof navigator !== 'undefined' ? navigator.language : undefined,
        trap: input.trap,
        fillMs: input.fillMs === undefined ? undefined : Math.max(0, Math.round(input.fillMs)),
      }),
    };
    const stored: StoredItem = {
      id: wire.clientId,
      kind: wire.kind,
      message: wire.message,
      createdAt: wire.createdAt,
      delivery: 'queued',
      timeline: [],
      outgoing: [],
      wire,
      attempts: 0,
      lastRead: 0,
      ...present({ product: wire.product, orderRef: wire.orderRef }),
    };
    // "Saved" only once the IndexedDB transaction completed.
    await ctx.save(stored);
    ctx.setStatus({ pending: ctx.status.pending + 1 });
    void sync.flush();
    return toItem(stored);
  }

  return {
    submit: queue,
    async items() {
      const { outbox } = await ready;
      return (await outbox.all()).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)).map(toItem);
    },
    async item(id) {
      return find(id).then(toItem, () => undefined);
    },
    async reply(id, message) {
      const text = message.trim();
      if (!text) throw new SoriError('invalid_input', 'The reply is empty');
      if (text.length > LIMITS.messageChars) throw new SoriError('invalid_input', `The reply is longer than ${LIMITS.messageChars} characters`);
      const { ctx, sync } = await ready;
      const item = await find(id);
      const outgoing = [...item.outgoing, { clientId: crypto.randomUUID(), message: text, createdAt: new Date().toISOString(), delivery: 'queued' as const }];
      const updated = { ...item, outgoing };
      await ctx.save(updated);
      void sync.flush();
      return toItem(updated);
    },
    async rate(id, rating: Rating) {
      const { ctx, credentials } = await ready;
      const item = await find(id);
      if (!item.serverId) throw new SoriError('not_ready', 'This item has not reached the server yet; it can be rated once resolved');
      const answer = await request<RatingResult>(credentials, PATHS.rating(item.serverId), { method: 'POST', body: rating });
      const updated = mergeServerItem(item, answer.item);
      await ctx.save(updated);
      return toItem(updated);
    },
    async resend(id, changes = {}) {
      const { outbox } = await ready;
      const item = await find(id);
      if (item.delivery !== 'rejected') throw new SoriError('invalid_input', 'Only a rejected item can be edited and sent again');
      const next = await queue({ kind: item.kind, message: item.message, ...changes });
      await outbox.delete(item.id);
      return next;
    },
    async markRead(id) {
      const { ctx } = await ready;
      const item = await find(id);
      const lastRead = Math.max(item.lastRead, ...item.timeline.map((e) => e.id));
      if (lastRead !== item.lastRead) await ctx.save({ ...item, lastRead });
    },
    identify(next) {
      who = { ...who, ...next };
    },
    setContext(next) {
      pageContext = { ...pageContext, ...next };
    },
    config() {
      siteConfig ??= ready.then(({ credentials }) => request<SiteConfig>(credentials, PATHS.site));
      return siteConfig;
    },
    status: () => ({ ...status }),
    async flush() {
      const { sync } = await ready;
      await sync.flush();
    },
    on: (event, listener) => emitter.on(event, listener),
    off: (event, listener) => emitter.off(event, listener),
    destroy() {
      destroyed = true;
      listening.abort();
      void ready.then(({ sync, stream }) => {
        sync.stop();
        stream.stop();
        emitter.clear();
      });
    },
  };
}
