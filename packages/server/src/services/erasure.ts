import type { DeskChange, ErasureResult, PersonData, PersonQuery } from '@sori/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { errors } from '../errors.js';
import { toDeskSubmission } from './submissions.js';
import { toDeskEvent } from './timeline.js';
import type { UnitOfWork } from './unit-of-work.js';
import type { User } from './users.js';

/** What erased text becomes. */
export const ERASED = "[erased at the shopper's request]";

/** Who asks for an erasure or an export: a user (admin), or the shopper themself from their browser. */
export type Requester = { user: User } | { reporter: true };

const author = (by: Requester) => ('user' in by ? ({ author: 'staff', actor: by.user } as const) : ({ author: 'reporter' } as const));

/**
 * Erases what shoppers wrote and who they are from these submissions, with every copy: the
 * submission's text, contact, context, order number and page; their messages and rating comments
 * (the score stays); emails still waiting to go to them (cancelled: never sent); and what stored
 * emails and webhook calls carried. The submissions and their timelines stay, so the process
 * stays audited, and each gets an `erasure` event with the reason.
 */
export async function eraseSubmissions(unit: UnitOfWork, ids: readonly string[], reason: string, by: Requester): Promise<ErasureResult> {
  if (ids.length === 0) return { reporters: 0, submissions: 0, cancelledNotifications: 0 };
  const now = new Date().toISOString();
  const rows = await unit.db
    .updateTable('submissions')
    .set({ message: ERASED, contact: null, context: null, order_ref: null, page_url: null, updated_at: now })
    .where('id', 'in', ids)
    .returningAll()
    .execute();
  // A rating keeps its score and would-buy-again (the analysis needs them), not its comment.
  for (const row of rows) {
    if (!row.rating) continue;
    const { comment: _comment, ...rating } = JSON.parse(row.rating) as { comment?: string };
    await unit.db.updateTable('submissions').set({ rating: JSON.stringify(rating) }).where('id', '=', row.id).execute();
  }
  await unit.db.updateTable('events').set({ text: ERASED }).where('submission_id', 'in', ids).where('author', '=', 'reporter').where('text', 'is not', null).execute();
  // A staff reply quotes nobody, but an email of it goes to the shopper's address: the address goes.
  const cancelled = await unit.db
    .updateTable('notifications')
    .set({ state: 'cancelled', target: ERASED, payload: JSON.stringify({ erased: true }), last_error: 'cancelled: what it was about was erased' })
    .where('submission_id', 'in', ids)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  await unit.db
    .updateTable('notifications')
    .set((eb) => ({ payload: JSON.stringify({ erased: true }), target: eb.case().when('channel', '=', 'email').then(ERASED).else(eb.ref('target')).end() }))
    .where('submission_id', 'in', ids)
    .where('state', '!=', 'cancelled')
    .execute();
  for (const row of rows) await unit.appendEvent({ type: 'erasure', submission: row, ...author(by), public: false, text: reason, at: now });
  return { reporters: new Set(rows.map((r) => r.reporter_id)).size, submissions: rows.length, cancelledNotifications: Number(cancelled.numUpdatedRows) };
}

/** Erases one submission at its shopper's request (see {@link eraseSubmissions}). */
export async function eraseSubmission(unit: UnitOfWork, id: string, reason: string, user: User): Promise<DeskChange> {
  const { submissions } = await eraseSubmissions(unit, [id], reason, { user });
  if (submissions === 0) throw errors.notFound(`Submission ${id}`);
  const row = await unit.db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const event = await unit.db.selectFrom('events').selectAll().where('submission_id', '=', id).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  return { submission: toDeskSubmission(row), event: toDeskEvent(event) };
}

/** Lowercased text of a contact field for matching: `"email":"…"` in the stored JSON. */
const contactLike = (field: 'email' | 'phone', value: string) => `%"${field}":"${value.toLowerCase().replace(/[\\%_"]/g, (c) => `\\${c}`)}"%`;

/**
 * The reporters one person is, found by the email or phone they left on any submission or by any
 * tracking number of theirs, and every submission of those reporters.
 */
export async function personSubmissions(db: Kysely<Database>, person: PersonQuery): Promise<{ reporterIds: string[]; submissionIds: string[] }> {
  const matches = await db
    .selectFrom('submissions')
    .select('reporter_id')
    .where((eb) =>
      eb.or([
        ...(person.email ? [eb(eb.fn('lower', ['contact']), 'like', eb.val(contactLike('email', person.email)))] : []),
        ...(person.phone ? [eb('contact', 'like', eb.val(contactLike('phone', person.phone)))] : []),
        ...(person.trackingNumber ? [eb('tracking_number', '=', person.trackingNumber.trim().toUpperCase())] : []),
      ]),
    )
    .execute();
  const reporterIds = [...new Set(matches.map((m) => m.reporter_id))];
  if (reporterIds.length === 0) return { reporterIds, submissionIds: [] };
  const rows = await db.selectFrom('submissions').select('id').where('reporter_id', 'in', reporterIds).orderBy('received_at').execute();
  return { reporterIds, submissionIds: rows.map((r) => r.id) };
}

/**
 * Everything stored about these reporters, as JSON: their submissions with whole timelines and
 * the emails and webhook calls about them. Asked by the shopper, it holds what is theirs to see:
 * the public timeline and the emails sent to them (staff's notes and the calls to the shop's own
 * systems stay with staff). The export itself is recorded: an `export` event on each submission,
 * staff-only.
 */
export async function exportPerson(unit: UnitOfWork, reporterIds: readonly string[], by: Requester): Promise<PersonData> {
  const exportedAt = new Date().toISOString();
  if (reporterIds.length === 0) return { exportedAt, reporters: [], submissions: [] };
  const reporters = await unit.db.selectFrom('reporters').select(['id', 'created_at']).where('id', 'in', reporterIds).execute();
  const rows = await unit.db.selectFrom('submissions').selectAll().where('reporter_id', 'in', reporterIds).orderBy('received_at').execute();
  const ids = rows.map((r) => r.id);
  const events = ids.length ? await unit.db.selectFrom('events').selectAll().where('submission_id', 'in', ids).orderBy('id').execute() : [];
  const notifications = ids.length ? await unit.db.selectFrom('notifications').selectAll().where('submission_id', 'in', ids).orderBy('id').execute() : [];
  for (const row of rows) await unit.appendEvent({ type: 'export', submission: row, ...author(by), public: false, at: exportedAt });
  return {
    exportedAt,
    reporters: reporters.map((r) => ({ id: r.id, createdAt: r.created_at })),
    submissions: rows.map((row) => ({
      submission: toDeskSubmission(row),
      timeline: events.filter((e) => e.submission_id === row.id && ('user' in by || e.public === 1)).map(toDeskEvent),
      notifications: notifications
        .filter((n) => n.submission_id === row.id && ('user' in by || n.channel === 'email'))
        .map((n) => ({ channel: n.channel, target: n.target, state: n.state, createdAt: n.created_at, payload: JSON.parse(n.payload) as unknown })),
    })),
  };
}

/** Every submission of one reporter: what a shopper's own erasure covers. */
export async function reporterSubmissionIds(db: Kysely<Database>, reporterId: string): Promise<string[]> {
  return (await db.selectFrom('submissions').select('id').where('reporter_id', '=', reporterId).execute()).map((r) => r.id);
}
