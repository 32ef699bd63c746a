import { MessageInput, type MessageResult, type Rating, type RatingResult } from '@sori/protocol';
import { errors } from '../errors.js';
import { REOPENED } from './desk.js';
import { eachChecked, rejected, validator } from '../validation.js';
import { toReporterSubmission } from './reporter-submissions.js';
import { queueWebhookCalls } from './notifications.js';
import { firstResponseDue, resolutionDue, siteById, type Site } from './sites.js';
import { toDeskSubmission } from './submissions.js';
import { toPublicEvent } from './timeline.js';
import type { UnitOfWork } from './unit-of-work.js';

const checkMessage = validator(MessageInput);

/** Scores at or below this reopen the submission: the shopper says it is not resolved. */
export const REOPEN_SCORE = 2;

/**
 * Stores shopper messages in their submissions' threads, idempotent on the message's client id.
 * A message puts the submission back in staff's court and restarts the next-response clock.
 */
export async function storeMessages(
  unit: UnitOfWork,
  site: Site,
  reporterId: string,
  messages: unknown[],
): Promise<MessageResult[]> {
  return eachChecked(messages, checkMessage, async (input) => {
    const { clientId } = input;
    const submission = await unit.db
      .selectFrom('submissions')
      .selectAll()
      .where('site_id', '=', site.id)
      .where('client_id', '=', input.submissionClientId)
      .where('reporter_id', '=', reporterId)
      .executeTakeFirst();
    if (!submission) {
      return rejected(clientId, { code: 'not_found', field: 'submissionClientId', message: 'No submission of yours has this submissionClientId; send the submission first' });
    }
    const existing = await unit.db
      .selectFrom('events')
      .selectAll()
      .where('site_id', '=', site.id)
      .where('message_client_id', '=', clientId)
      .executeTakeFirst();
    if (existing) {
      return existing.submission_id === submission.id && existing.text === input.text
        ? { clientId, result: 'duplicate', event: toPublicEvent(existing, submission.client_id) }
        : rejected(clientId, { code: 'conflict', field: 'clientId', message: 'Another message was already stored under this clientId' });
    }
    const now = new Date();
    const updated = await unit.db
      .updateTable('submissions')
      .set({
        awaiting: 'staff',
        updated_at: now.toISOString(),
        expected_response_by: firstResponseDue(site, submission.kind, now).toISOString(),
      })
      .where('id', '=', submission.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const event = await unit.appendEvent({
      type: 'message',
      submission: updated,
      author: 'reporter',
      public: true,
      text: input.text,
      messageClientId: clientId,
      at: now.toISOString(),
    });
    await queueWebhookCalls(unit, updated, updated.department, 'submission.message', { submission: toDeskSubmission(updated), text: input.text });
    return { clientId, result: 'accepted', event: toPublicEvent(event, submission.client_id) };
  });
}

/** Records the shopper's rating of a resolved or closed submission; a low score reopens it. */
export async function rateSubmission(
  unit: UnitOfWork,
  reporterId: string,
  submissionId: string,
  rating: Rating,
): Promise<RatingResult> {
  const row = await unit.db
    .selectFrom('submissions')
    .selectAll()
    .where('id', '=', submissionId)
    .where('reporter_id', '=', reporterId)
    .executeTakeFirst();
  // Another reporter's submission answers exactly like a missing one: ids reveal nothing.
  if (!row) throw errors.notFound(`Submission ${submissionId}`);
  if (row.status !== 'resolved' && row.status !== 'closed') throw errors.notResolved();
  // Once per resolution: a new resolution (after a reopen) comes after the last rating.
  if (row.rated_at !== null && (row.resolved_at === null || row.rated_at >= row.resolved_at)) throw errors.alreadyRated();
  const reopened = rating.score <= REOPEN_SCORE;
  const now = new Date().toISOString();
  const updated = await unit.db
    .updateTable('submissions')
    .set({
      rating: JSON.stringify(rating),
      rated_at: now,
      status: reopened ? 'reopened' : row.status,
      updated_at: now,
      ...(reopened
        ? { ...REOPENED, resolution_due_by: resolutionDue(await siteById(unit.db, row.site_id), row.kind, new Date(now)).toISOString() }
        : {}),
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await unit.appendEvent({
    type: 'rating',
    submission: updated,
    author: 'reporter',
    public: true,
    text: rating.comment,
    data: { score: rating.score, wouldBuyAgain: rating.wouldBuyAgain, ...(reopened ? { reopened: true } : {}) },
    at: now,
  });
  await queueWebhookCalls(unit, updated, updated.department, 'submission.rating', { submission: toDeskSubmission(updated), rating, reopened });
  const events = await unit.db.selectFrom('events').selectAll().where('submission_id', '=', row.id).where('public', '=', 1).orderBy('id').execute();
  return { submission: toReporterSubmission(updated, events), reopened };
}
