import type { StaffEvent } from '@sori/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { toDeskSubmission } from './submissions.js';
import { toDeskEvent } from './timeline.js';
import { inUserSites } from './site-scope.js';
import type { User } from './users.js';

/**
 * Every timeline event after a cursor, oldest first, each with its submission as it is now: what
 * the staff event stream sends, so that a list updates a row without asking again.
 */
export async function staffEventsAfter(db: Kysely<Database>, after: number, limit: number, user: User): Promise<StaffEvent[]> {
  const events = await db
    .selectFrom('events')
    .selectAll()
    .where('id', '>', after)
    // An agent's stream carries only the events of their sites' submissions.
    .where(inUserSites(user))
    .orderBy('id')
    .limit(limit)
    .execute();
  if (events.length === 0) return [];
  const ids = [...new Set(events.map((e) => e.submission_id))];
  const submissions = new Map((await db.selectFrom('submissions').selectAll().where('id', 'in', ids).execute()).map((row) => [row.id, toDeskSubmission(row)]));
  return events.flatMap((row) => {
    const submission = submissions.get(row.submission_id);
    return submission ? [{ id: Number(row.id), event: toDeskEvent(row), submission }] : [];
  });
}

/** The id of the newest event: where a new staff stream starts when it asks for no history. */
export async function newestEventId(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
  return Number(row?.max ?? 0);
}
