import { publicStatusOf, type Awaiting, type Kind, type Rating, type ReporterItem, type Status } from '@sori/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { contactPreferenceOf, type SubmissionRow } from './submissions.js';
import { toPublicEvent, type EventRow } from './timeline.js';

/** A submission as its reporter sees it, with its public timeline. */
export function toReporterItem(row: SubmissionRow, events: EventRow[]): ReporterItem {
  const status = row.status as Status;
  const item: ReporterItem = {
    id: row.id,
    clientId: row.client_id,
    trackingNumber: row.tracking_number,
    kind: row.kind as Kind,
    message: row.message,
    contactPreference: contactPreferenceOf(row),
    status,
    publicStatus: publicStatusOf(status, row.awaiting as Awaiting),
    createdAt: row.created_at,
    receivedAt: row.received_at,
    expectedResponseBy: row.expected_response_by,
    timeline: events.map((e) => toPublicEvent(e, row.client_id)),
  };
  if (row.product !== null) item.product = row.product;
  if (row.order_ref !== null) item.orderRef = row.order_ref;
  if (row.first_response_at !== null) item.firstResponseAt = row.first_response_at;
  if (row.resolved_at !== null) item.resolvedAt = row.resolved_at;
  if (row.rating !== null) item.rating = JSON.parse(row.rating) as Rating;
  return item;
}

/** A reporter's items that changed after `since` (every item when 0), newest first, and the new cursor. */
export async function reporterItems(
  db: Kysely<Database>,
  reporterId: string,
  since: number,
): Promise<{ items: ReporterItem[]; cursor: number }> {
  const changed = db
    .selectFrom('events')
    .select('submission_id')
    .where('reporter_id', '=', reporterId)
    .where('public', '=', 1)
    .where('id', '>', since);
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
    items: rows.map((row) => toReporterItem(row, events.filter((e) => e.submission_id === row.id))),
    cursor: Math.max(since, Number(last?.max ?? 0)),
  };
}
