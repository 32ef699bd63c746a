import type { Context } from './context.js';
import type { PublicEvent } from './types.js';

/**
 * What one tab tells the others on the outbox they share: a submission it changed (they read it
 * from the outbox), or an event the tab holding the event stream heard.
 */
export type TabMessage = { clientId: string } | { event: PublicEvent };

/** The channel to the other tabs of this browser on the same outbox. */
export interface Tabs {
  /** Tells the other tabs; does nothing where BroadcastChannel is missing. */
  post(message: TabMessage): void;
  /** Hands what the other tabs post to `listener` (one listener; a later call replaces it). */
  listen(listener: (message: TabMessage) => void): void;
  close(): void;
}

/** Opens the channel `name` (the database name, so that tabs on one outbox share it). */
export function openTabs(name: string): Tabs {
  if (typeof BroadcastChannel === 'undefined') return { post: () => undefined, listen: () => undefined, close: () => undefined };
  const channel = new BroadcastChannel(name);
  let closed = false;
  return {
    // A send or an event stored after `destroy()` (a pass still under way) has no tab left to tell; posting would throw.
    post: (message) => closed || channel.postMessage(message),
    listen(listener) {
      channel.onmessage = ({ data }: MessageEvent<TabMessage>) => listener(data);
    },
    close() {
      closed = true;
      channel.close();
    },
  };
}

/**
 * Shows here what the other tabs did: their events and changed submissions reach this page's
 * listeners. A submission another tab got accepted calls `startStream`, so that this tab queues
 * for the event stream and takes it over when that tab closes.
 */
export function followTabs(ctx: Context, startStream: () => void): void {
  ctx.tabs.listen(async (message) => {
    if ('event' in message) return ctx.emitter.emit('event', message.event);
    const stored = await ctx.outbox.get(message.clientId);
    if (!stored) return;
    ctx.emitter.emit('submission', ctx.view(stored));
    if (stored.sendState === 'accepted') startStream();
  });
}
