import type { Context } from './context.js';
import type { LazyStream } from './lazy-stream.js';
import { pending } from './send-state.js';
import type { SyncEngine } from './sync-engine.js';

/** What the triggers set going, once the outbox is open. */
export interface Triggered {
  ctx: Context;
  sync: SyncEngine;
  stream: LazyStream;
}

/**
 * The triggers of the reliability contract (DESIGN.md) besides the sender's own timer:
 *
 * - start-up: a page sends what an earlier page left, counts what waits (also for a page that
 *   starts offline, where the sender reads nothing), and hears what came while no page was open:
 *   from the live stream, or once when `live` is off;
 * - back online, and back to the tab: send now and look for news. All three ask the browser
 *   whether it is online, so a tab shown while offline does not claim to be online.
 *
 * Stops listening when `signal` aborts.
 */
export function watchTriggers(ready: Promise<Triggered>, signal: AbortSignal): void {
  const onNetwork = () =>
    void ready.then(({ ctx, sync, stream }) => {
      ctx.setSyncState({ online: navigator.onLine });
      if (!navigator.onLine) return;
      void sync.flush();
      stream.poke();
    });
  if (typeof window !== 'undefined') {
    window.addEventListener('online', onNetwork, { signal });
    window.addEventListener('offline', onNetwork, { signal });
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && onNetwork(), { signal });
  }
  void ready.then(async ({ ctx, sync, stream }) => {
    if (signal.aborted) return;
    // Counted first (also for a page that starts offline): the sender's code loads only when
    // something waits.
    const all = await ctx.outbox.all();
    ctx.setSyncState({ pending: pending(all) });
    await sync.flush();
    if (!all.some((s) => s.sendState === 'accepted')) return;
    if (ctx.live) stream.start();
    else stream.catchUp();
  });
}
