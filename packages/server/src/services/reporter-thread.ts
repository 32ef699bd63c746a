import { MessageInput, type Kind, type MessageResult, type Rating, type RatingResult } from '@sori/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { errors } from '../errors.js';
import { clientIdOf, validator } from '../validation.js';
import { toReporterItem } from './reporter-items.js';
import { slaMinutes, type Site } from './sites.js';
import { appendEvent, toPublicEvent } from './timeline.js';

const checkMessage = validator(MessageInput);

/** Scores at or below this reopen the item: the shopper says it is not resolved. */
export const REOPEN_SCORE = 2;

/**
 * Stores shopper messages in their items' threads, idempotent on the message's client id. A
 * message puts the item back in staff's court and restarts the next-response clock.
 */
export async function storeMessages(
  db: Kysely<Database>,
  site: Site,
  reporterId: string,
  items: unknown[],
): Promise<MessageResult[]> {
  return db.transaction().execute(async (trx) => {
    const results: MessageResult[] = [];
    for (const raw of items) {
      const clientId = clientIdOf(raw);
      const checked = checkMessage(raw);
      if (!checked.ok) {
        results.push({ clientId, result: 'rejected', error: checked.error });
        continue;
      }
      const input = checked.value;
      const submission = await trx
        .selectFrom('submissions')
        .selectAll()
        .where('site_id', '=', site.id)
        .where('client_id', '=', input.submissionClientId)
        .where('reporter_id', '=', reporterId)
        .executeTakeFirst();
      if (!submission) {
        results.push({
          clientId,
          result: 'rejected',
          error: { code: 'not_found', field: 'submissionClientId', message: 'No item of yours has this submissionClientId; send the item first' },
        });
        continue;
      }
      const existing = await trx
        .selectFrom('events')
        .selectAll()
        .where('site_id', '=', site.id)
        .where('message_client_id', '=', input.clientId)
        .executeTakeFirst();
      if (existing) {
        results.push(
          existing.submission_id === submission.id && existing.message === input.message
            ? { clientId, result: 'duplicate', event: toPublicEvent(existing, submission.client_id) }
            : { clientId, result: 'rejected', error: { code: 'conflict', field: 'clientId', message: 'Another message was already stored under this clientId' } },
        );
        continue;
      }
      const now = new Date();
      const updated = await trx
        .updateTable('submissions')
        .set({
          awaiting: 'staff',
          updated_at: now.toISOString(),
          expected_response_by: new Date(now.getTime() + slaMinutes(site, submission.kind as Kind) * 60_000).toISOString(),
        })
        .where('id', '=', submission.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const event = await appendEvent(trx, {
        type: 'message',
        submission: updated,
        author: 'reporter',
        public: true,
        message: input.message,
        messageClientId: input.clientId,
        at: now.toISOString(),
      });
      results.push({ clientId, result: 'accepted', event: toPublicEvent(event, submission.client_id) });
    }
    return results;
  });
}

/** Records the shopper's rating of a resolved or closed item; a low score reopens it. */
export async function rateSubmission(
  db: Kysely<Database>,
  reporterId: string,
  submissionId: string,
  rating: Rating,
): Promise<RatingResult> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('submissions')
      .selectAll()
      .where('id', '=', submissionId)
      .where('reporter_id', '=', reporterId)
      .executeTakeFirst();
    // Another reporter's item answers exactly like a missing one: ids reveal nothing.
    if (!row) throw errors.notFound(`Submission ${submissionId}`);
    if (row.status !== 'resolved' && row.status !== 'closed') throw errors.notResolved();
    const reopened = rating.score <= REOPEN_SCORE;
    const now = new Date().toISOString();
    const status = reopened ? 'reopened' : row.status;
    const updated = await trx
      .updateTable('submissions')
      .set({
        rating: JSON.stringify(rating),
        status,
        updated_at: now,
        ...(reopened ? { awaiting: 'staff', resolved_at: null, closed_reason: null } : {}),
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendEvent(trx, {
      type: 'rating',
      submission: updated,
      author: 'reporter',
      public: true,
      message: rating.comment,
      data: { score: rating.score, wouldBuyAgain: rating.wouldBuyAgain, ...(reopened ? { reopened: true } : {}) },
      at: now,
    });
    const events = await trx.selectFrom('events').selectAll().where('submission_id', '=', row.id).where('public', '=', 1).orderBy('id').execute();
    return { item: toReporterItem(updated, events), reopened };
  });
}
