import type { PublicEvent } from './types.js';

/**
 * A timeline with `event` in it once, in id order: the event stream and the sender (a shopper
 * message's answer) may both bring the same event, and a resumed stream may repeat the last one.
 */
export const withEvent = (timeline: PublicEvent[], event: PublicEvent): PublicEvent[] =>
  [...timeline.filter((e) => e.id !== event.id), event].sort((a, b) => a.id - b.id);
