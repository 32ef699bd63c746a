import { KINDS, LIMITS, PATHS } from '@sori/protocol/constants';
import type { PublicEvent, RatingResult, SiteConfig, SubmissionInput } from '@sori/protocol';
import { OUTBOX_LIMIT, pending, present, toItem, waiting, type Context } from './context.js';
import { Emitter } from './emitter.js';
import { SoriError } from './errors.js';
import { request, type Credentials } from './http.js';
import { openOutbox, type Outbox, type StoredItem } from './outbox.js';
import { syncEngine } from './sync-engine.js';
import type { Item, Rating, Sori, SoriEvents, SoriOptions, SoriStatus, SubmitInput } from './types.js';
import { UpdateStream } from './update-stream.js';

/** The reporter secret: 256 random bits made on first use and kept with the outbox, as 64 lowercase hex digits. */
async function reporterSecret(outbox: Outbox): Promise<string> {
  const known = await outbox.meta<string>('reporter');
  if (known) return known;
  // `+ 256` then dropping the leading 1 gives each byte its two digits, leading zero included.
  const secret = crypto.getRandomValues(new Uint8Array(32)).reduce((hex, byte) => hex + (byte + 256).toString(16).slice(1), '');
  await outbox.setMeta('reporter', secret);
  return secret;
}

/** The trimmed text of a message or reply; refused early, with what to do, when the server would refuse it. */
function checkText(text: unknown): string {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (!trimmed) throw new SoriError('invalid_input', '"message" is empty');
  if (trimmed.length > LIMITS.messageChars) throw new SoriError('invalid_input', `"message" is over ${LIMITS.messageChars} characters`);
  return trimmed;
}

/**
 * Creates the Sori browser client: an IndexedDB outbox, a sync engine and a live update stream.
 *
 * @example
 * const sori = createSori({ site: 'pk_…', endpoint: 'https://sori.example.com' });
 * const item = await sori.submit({ kind: 'complaint', message: 'The jar arrived cracked.' });
 */
export function createSori(options: SoriOptions): Sori {
  if (!options?.site) throw new SoriError('invalid_input', '`site` is required: the site key, pk_…');
  if (!options.endpoint) throw new SoriError('invalid_input', "`endpoint` is required: the Sori server's URL");
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const emitter = new Emitter<SoriEvents>();
  const listening = new AbortController();
  let who: { email?: string; name?: string; customerId?: string } = {};
  let pageContext: Record<string, string | number | boolean | null> = {};
  let siteConfig: Promise<SiteConfig> | undefined;
  let destroyed = false;
  const status: SoriStatus = { online: globalThis.navigator?.onLine !== false, syncing: false, storage: 'indexeddb', pending: 0 };

  const name = options.dbName ?? 'sori';
  // Tabs of one browser tell each other what changed in the outbox they share (see `save`), and the
  // tab holding the update stream passes on what it hears (see `UpdateStream`).
  const tabs = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(name);
  // What waits to be sent, for the last-chance send when the page goes away (it cannot wait for IndexedDB).
  const unsent = new Map<string, SubmissionInput>();

  const ready = (async () => {
    const outbox = await openOutbox(name);
    const credentials: Credentials = { endpoint, site: options.site, reporter: await reporterSecret(outbox) };
    let writes: Promise<unknown> = Promise.resolve();
    const ctx: Context = {
      name,
      credentials,
      outbox,
      emitter,
      tabs,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 300_000,
      pollIntervalMs: options.pollIntervalMs ?? 10_000,
      live: options.live !== false,
      status,
      async save(item) {
        await outbox.put(item);
        if (waiting(item)) unsent.set(item.id, item.wire);
        else unsent.delete(item.id);
        ctx.setStatus({ storage: outbox.kind });
        emitter.emit('item', toItem(item, ctx.retryAt));
        tabs?.postMessage({ id: item.id });
      },
      update(id, change) {
        const next = writes.then(async () => {
          const current = await outbox.get(id);
          const changed = current && change(current);
          if (changed) await ctx.save(changed);
          return changed;
        });
        writes = next.catch(() => undefined);
        return next;
      },
      setStatus(patch) {
        const changed = (Object.keys(patch) as Array<keyof SoriStatus>).some((k) => patch[k] !== status[k]);
        Object.assign(status, patch);
        // Leave the key out rather than `undefined`, as `exactOptionalPropertyTypes` reads `error?`.
        if (!status.error) delete status.error;
        if (changed) emitter.emit('status', { ...status });
      },
      onAccepted: () => void stream.start(),
    };
    ctx.setStatus({ storage: outbox.kind });
    const sync = syncEngine(ctx);
    const stream = new UpdateStream(ctx);
    const view = (item: StoredItem) => toItem(item, ctx.retryAt);
    if (tabs) {
      tabs.onmessage = async ({ data }: MessageEvent<{ id?: string; event?: PublicEvent }>) => {
        if (data.event) emitter.emit('update', data.event);
        const item = data.id && (await outbox.get(data.id));
        if (!item) return;
        emitter.emit('item', view(item));
        // Another tab's item reached the server: queue for the update stream, to take it over when that tab closes.
        if (item.delivery === 'accepted') void stream.start();
      };
    }
    // The page is going away (closed, navigated, or frozen in the back/forward cache): one last
    // send of what waits, with `keepalive` so it outlives the page. Site key and reporter go in the
    // body, where a keepalive request carries them without a CORS preflight; the server is
    // idempotent, so the next page's ordinary send of the same items stores nothing twice.
    if (typeof window !== 'undefined') {
      window.addEventListener(
        'pagehide',
        () => {
          // Browsers refuse keepalive bodies over 64 KB: 20,000 characters are at most 60 KB of UTF-8.
          let size = 0;
          const items = [...unsent.values()].filter((wire) => (size += JSON.stringify(wire).length) < 2e4).slice(0, LIMITS.batchItems);
          const body = JSON.stringify({ site: options.site, reporter: credentials.reporter, items });
          if (items[0]) fetch(endpoint + PATHS.submissions, { method: 'POST', keepalive: true, body, headers: { 'content-type': 'text/plain' } }).catch(() => undefined);
        },
        { signal: listening.signal },
      );
    }
    return { ctx, outbox, sync, stream, credentials, view };
  })();

  // Triggers: start-up (next page load sends what is left), back online, back to the tab.
  // `online`, `offline` and back-to-the-tab all ask the browser, so a tab shown while offline does not claim to be online.
  const onNetwork = () => {
    void ready.then(({ ctx, sync, stream }) => {
      ctx.setStatus({ online: navigator.onLine });
      if (!navigator.onLine) return;
      void sync.flush();
      stream.poke();
    });
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') onNetwork();
  };
  if (typeof window !== 'undefined') {
    const { signal } = listening;
    window.addEventListener('online', onNetwork, { signal });
    window.addEventListener('offline', onNetwork, { signal });
    document.addEventListener('visibilitychange', onVisible, { signal });
  }
  void ready.then(async ({ ctx, sync, stream, outbox }) => {
    if (destroyed) return;
    await sync.flush();
    const all = await outbox.all();
    // Counted here too, for a page that starts offline (the sender reads nothing then).
    ctx.setStatus({ pending: pending(all) });
    // Statuses and replies that came while no page was open: from the stream, or once when it is off.
    if (all.some((i) => i.delivery === 'accepted')) void (options.live === false ? stream.catchUp().catch(() => undefined) : stream.start());
  });

  async function find(id: string): Promise<StoredItem> {
    const { outbox } = await ready;
    const item = (await outbox.get(id)) ?? (await outbox.all()).find((i) => i.serverId === id);
    if (!item) throw new SoriError('not_found', `No item ${id} in this browser`);
    return item;
  }

  async function queue(input: SubmitInput): Promise<Item> {
    if (!KINDS.includes(input.kind)) throw new SoriError('invalid_input', `"kind" must be one of ${KINDS}; got "${input.kind}"`);
    const message = checkText(input.message);
    const { ctx, sync } = await ready;
    if (ctx.status.pending >= OUTBOX_LIMIT) {
      throw new SoriError('outbox_full', `${OUTBOX_LIMIT} items wait to be sent`);
    }
    // Empty fields of a form are left out rather than sent (and refused) as empty strings.
    const contact = present({ email: who.email, name: who.name, ...input.contact });
    const context = { ...present({ customerId: who.customerId }), ...pageContext, ...input.context };
    const id = crypto.randomUUID();
    // What the shopper sees of the item, and sends along with more.
    const shown = { kind: input.kind, message, createdAt: new Date().toISOString(), ...present({ product: input.product, orderRef: input.orderRef }) };
    const wire: SubmissionInput = {
      clientId: id,
      ...shown,
      ...present({
        contact,
        context,
        // Only web pages: a `file:` or extension URL is nothing the server may store.
        pageUrl: /^https?:/.test(globalThis.location?.href) ? location.href : undefined,
        locale: globalThis.navigator?.language,
        trap: input.trap,
        // The server wants whole milliseconds.
        fillMs: input.fillMs && Math.round(input.fillMs),
      }),
    };
    const stored: StoredItem = { id, ...shown, delivery: 'queued', timeline: [], outgoing: [], wire, lastRead: 0 };
    // "Saved" only once the IndexedDB transaction completed.
    await ctx.save(stored);
    ctx.setStatus({ pending: ctx.status.pending + 1 });
    void sync.flush();
    return toItem(stored);
  }

  const view = async (item: StoredItem) => (await ready).view(item);

  return {
    submit: queue,
    async items() {
      const { outbox, view } = await ready;
      return (await outbox.all()).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)).map(view);
    },
    async item(id) {
      return find(id).then(view, () => undefined);
    },
    async reply(id, message) {
      const text = checkText(message);
      const { ctx, sync } = await ready;
      const outgoing = { clientId: crypto.randomUUID(), message: text, createdAt: new Date().toISOString(), delivery: 'queued' as const };
      const updated = await ctx.update((await find(id)).id, (item) => ({ ...item, outgoing: [...item.outgoing, outgoing] }));
      void sync.flush();
      // `find` just found it, and items are only deleted by `resend`, which needs a rejected one.
      return view(updated!);
    },
    async rate(id, rating: Rating) {
      const { ctx, credentials } = await ready;
      const item = await find(id);
      if (!item.serverId) throw new SoriError('not_ready', 'Only a resolved item can be rated');
      const { item: server } = await request<RatingResult>(credentials, PATHS.rating(item.serverId), rating);
      // A low score sends the item back to staff: the status and timeline change with the rating.
      // Present: `find` just found it (see `reply`).
      return view((await ctx.update(item.id, (c) => ({ ...c, rating, status: server.status, publicStatus: server.publicStatus, timeline: server.timeline })))!);
    },
    async resend(id, changes = {}) {
      const { outbox } = await ready;
      const item = await find(id);
      if (item.delivery !== 'rejected') throw new SoriError('invalid_input', 'Only a rejected item can be resent');
      const next = await queue({ kind: item.kind, message: item.message, ...changes });
      await outbox.delete(item.id);
      return next;
    },
    async markRead(id) {
      const { ctx } = await ready;
      await ctx.update((await find(id)).id, (item) => {
        const lastRead = Math.max(item.lastRead, ...item.timeline.map((e) => e.id));
        return lastRead === item.lastRead ? undefined : { ...item, lastRead };
      });
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
      tabs?.close();
      void ready.then(({ sync, stream }) => {
        sync.stop();
        stream.stop();
        emitter.clear();
      });
    },
  };
}
