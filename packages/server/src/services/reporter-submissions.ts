import { publicStatusOf, type Rating, type ReporterSubmission, type ReporterSubmissionsResponse } from '@sori/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { SubmissionRow } from './submissions.js';
import { toPublicEvent } from './timeline.js';
import type { EventRow } from './unit-of-work.js';

/** A submission as its reporter sees it, with its public timeline. */
export function toReporterSubmission(row: SubmissionRow, events: EventRow[]): ReporterSubmission {
  const submission: ReporterSubmission = {
    id: row.id,
    clientId: row.client_id,
    trackingNumber: row.tracking_number,
    kind: row.kind,
    message: row.message,
    contactPreference: row.contact_preference,
    status: row.status,
    publicStatus: publicStatusOf(row.status, row.awaiting),
    createdAt: row.created_at,
    receivedAt: row.received_at,
    expectedResponseBy: row.expected_response_by,
    timeline: events.map((e) => toPublicEvent(e, row.client_id)),
  };
  if (row.product !== null) submission.product = row.product;
  if (row.order_ref !== null) submission.orderRef = row.order_ref;
  if (row.first_response_at !== null) submission.firstResponseAt = row.first_response_at;
  if (row.resolved_at !== null) submission.resolvedAt = row.resolved_at;
  if (row.rating !== null) submission.rating = JSON.parse(row.rating) as Rating;
  return submission;
}

/**
 * A reporter's submissions with public events after `after` (every one when 0), newest first,
 * and the cursor to pass next time.
 */
export async function reporterSubmissions(
  db: Kysely<Database>,
  reporterId: string,
  after: number,
): Promise<ReporterSubmissionsResponse> {
  const changed = db
    .selectFrom('events')
    .select('submission_id')
    .where('reporter_id', '=', reporterId)
    .where('public', '=', 1)
    .where('id', '>', after);
  const rows = await db
    .selectFrom('submissions')
    .selectAll()
    .where('reporter_id', '=', reporterId)
    .where('id', 'in', changed)
    .orderBy('received_at', 'desc')
    .limit(200)
    .execute();
  const events =
    rows.length === 0
      ? []
      : await db
          .selectFrom('events')
          .selectAll()
          .where('submission_id', 'in', rows.map((r) => r.id))
          .where('public', '=', 1)
          .orderBy('id')
          .execute();
  const last = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('max'))
    .where('reporter_id', '=', reporterId)
    .where('public', '=', 1)
    .executeTakeFirst();
  return {
    submissions: rows.map((row) => toReporterSubmission(row, events.filter((e) => e.submission_id === row.id))),
    cursor: Math.max(after, Number(last?.max ?? 0)),
  };
}
