import type { DeskSubmission } from '@sori/protocol';

/**
 * Where a submission stands against its answer deadline. An answer is owed while the submission
 * is open and `awaiting` staff; `expectedResponseBy` is when it is due. `answered`: the next word
 * is the shopper's.
 */
export type SlaState = 'due' | 'soon' | 'late' | 'answered' | 'done';

/** Due within this long counts as "soon" (the server's `due_soon` uses the same hour). */
export const SOON_MS = 60 * 60_000;

/** A submission's SLA state at `now`, and the time left (negative: overdue). */
export function slaOf(submission: Pick<DeskSubmission, 'expectedResponseBy' | 'awaiting' | 'status'>, now: number): { state: SlaState; leftMs: number } {
  const leftMs = Date.parse(submission.expectedResponseBy) - now;
  if (submission.status === 'resolved' || submission.status === 'closed') return { state: 'done', leftMs };
  if (submission.awaiting === 'reporter') return { state: 'answered', leftMs };
  return { state: leftMs < 0 ? 'late' : leftMs < SOON_MS ? 'soon' : 'due', leftMs };
}
