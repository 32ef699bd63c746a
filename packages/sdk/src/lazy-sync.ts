import { backoff } from './backoff.js';
import type { Context } from './context.js';
import type { SyncEngine } from './sync-engine.js';

/** The sync chunk (`sync-chunk.ts`), or a stand-in with the same export. */
export type SyncModule = Pick<typeof import('./sync-chunk.js'), 'syncEngine'>;

/**
 * The sender behind a dynamic `import()`: a page loads its code once something waits to be sent
 * (a submission just stored, or one an earlier page left), not to show the form. A shopper's
 * first open then carries only what storing needs (DESIGN.md, "Performance budgets"), and a page
 * with nothing to send never downloads it.
 *
 * A load that fails is forgotten, not kept as a rejected promise: the next trigger (back online,
 * back to the tab, the next page) loads it again, and so does a retry after a backoff, so that a
 * server that failed once to send the chunk does not leave what waits unsent.
 *
 * @param load How to load the module; the dynamic import unless a test stands in for the network.
 */
export function lazySync(ctx: Context, load: () => Promise<SyncModule> = () => import('./sync-chunk.js')): SyncEngine {
  let engine: SyncEngine | undefined;
  let loading: Promise<SyncEngine> | undefined;
  let stopped = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const loaded = () =>
    (loading ??= load().then(
      ({ syncEngine }) => (engine = syncEngine(ctx)),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));

  async function flush(): Promise<void> {
    // Nothing waits, and nothing was ever sent from this page: no need for the sender's code.
    if (stopped || (!engine && ctx.syncState.pending === 0)) return;
    clearTimeout(timer);
    let sender: SyncEngine;
    try {
      sender = await loaded();
    } catch {
      // Offline, say. The triggers ask again when the browser is back online; the timer covers a
      // load that failed while online.
      if (ctx.syncState.online) timer = setTimeout(flush, backoff(++failures, ctx.maxRetryDelayMs));
      return;
    }
    failures = 0;
    if (!stopped) await sender.flush();
  }

  return {
    flush,
    stop() {
      stopped = true;
      clearTimeout(timer);
      engine?.stop();
    },
  };
}
