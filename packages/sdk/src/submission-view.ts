import type { StoredSubmission } from './outbox.js';
import { present } from './present.js';
import { waiting } from './send-state.js';
import type { Submission } from './types.js';

/**
 * The shopper's view of a stored submission: without what only the SDK needs (`wire`,
 * `lastRead`), with `unread` counted from the timeline. `retryAt` is the sender's next try: one time
 * for everything waiting, so it is added here rather than written into each stored submission on
 * every failure.
 */
export function toSubmission(stored: StoredSubmission, retryAt?: string): Submission {
  const { wire: _wire, lastRead, ...shown } = stored;
  const unread = stored.timeline.filter((e) => e.author === 'staff' && e.id > lastRead).length;
  return { ...shown, unread, ...present({ nextRetryAt: waiting(stored) ? retryAt : undefined }) };
}
