import type { SendState } from './types.js';

/** Whether something (a submission or a shopper message) still waits to reach the server. */
export const waiting = (thing: { sendState: SendState }): boolean => thing.sendState === 'queued' || thing.sendState === 'sending';

/** How many submissions and shopper messages wait to be sent (`syncState().pending`). */
export const pending = (all: ReadonlyArray<{ sendState: SendState; outgoing: ReadonlyArray<{ sendState: SendState }> }>): number =>
  all.reduce((n, s) => n + Number(waiting(s)) + s.outgoing.filter(waiting).length, 0);
