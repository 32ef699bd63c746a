import { PUBLIC_EVENT_TYPES, publicStatusOf, type DeskEvent, type EventType, type PublicEvent, type PublicEventType } from '@sori/protocol';
import type { Kysely, Transaction } from 'kysely';
import { dialectOf } from '../db/database.js';
import { jsonRows } from '../db/rows.js';
import type { Database } from '../db/schema.js';
import type { EventRow } from './unit-of-work.js';

type Db = Kysely<Database> | Transaction<Database>;

function optional<K extends string, V>(key: K, value: V | null | undefined): Partial<Record<K, V>> {
  // A one-key object built from a computed key: TypeScript widens it to `{ [x: string]: V }`.
  return value === null || value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

const PUBLIC_TYPES: ReadonlySet<EventType> = new Set(PUBLIC_EVENT_TYPES);

function isPublicType(type: EventType): type is PublicEventType {
  return PUBLIC_TYPES.has(type);
}

/** The shopper's view of a public event. */
export function toPublicEvent(row: EventRow, clientId: string): PublicEvent {
  const data = row.data ? (JSON.parse(row.data) as { score?: number }) : {};
  if (!isPublicType(row.type)) throw new Error(`event ${row.id} of type "${row.type}" is not public`);
  return {
    id: Number(row.id),
    type: row.type,
    submissionId: row.submission_id,
    clientId,
    at: row.at,
    author: row.author,
    ...optional('authorName', row.type === 'reply' ? row.actor_name : null),
    status: row.status,
    publicStatus: publicStatusOf(row.status, row.awaiting),
    ...optional('text', row.text),
    ...optional('messageClientId', row.message_client_id),
    ...optional('score', data.score),
  };
}

/** Staff's view of an event. */
export function toDeskEvent(row: EventRow): DeskEvent {
  return {
    id: Number(row.id),
    submissionId: row.submission_id,
    type: row.type,
    at: row.at,
    author: row.author,
    ...optional('actorId', row.actor_id),
    ...optional('actorName', row.actor_name),
    public: row.public === 1,
    status: row.status,
    ...optional('text', row.text),
    ...optional('data', row.data ? (JSON.parse(row.data) as Record<string, unknown>) : null),
  };
}

/** Public events of one reporter after a cursor, oldest first, with their submissions' client ids. */
export async function publicEventsAfter(
  db: Db,
  reporterId: string,
  after: number,
  limit = 500,
): Promise<PublicEvent[]> {
  const rows = await db
    .selectFrom('events')
    .innerJoin('submissions', 'submissions.id', 'events.submission_id')
    .selectAll('events')
    .select('submissions.client_id')
    .where('events.reporter_id', '=', reporterId)
    .where('events.public', '=', 1)
    .where('events.id', '>', after)
    .orderBy('events.id')
    .limit(limit)
    .execute();
  return rows.map(({ client_id, ...row }) => toPublicEvent(row, client_id));
}

/** One reporter's page in {@link publicEventsAfterEach}: its public events after `after`, at most `limit`. */
export interface PublicEventsPage {
  reporterId: string;
  after: number;
  limit: number;
}

/**
 * What {@link publicEventsAfter} answers for each page, for any number of them with one query:
 * the reads of every stream one commit woke. Answers each page's events in the pages' order
 * (a reporter may come twice, with two cursors).
 */
export async function publicEventsAfterEach(db: Kysely<Database>, pages: readonly PublicEventsPage[]): Promise<PublicEvent[][]> {
  if (pages.length === 0) return [];
  const cursors = jsonRows(
    dialectOf(db),
    'cursors',
    pages.map(({ reporterId, after, limit }, page) => ({ page, reporter_id: reporterId, after, limit })),
    { page: 'integer', reporter_id: 'text', after: 'bigint', limit: 'integer' },
  );
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom(cursors)
        .innerJoin('events', (join) => join.onRef('events.reporter_id', '=', 'cursors.reporter_id').onRef('events.id', '>', 'cursors.after'))
        .innerJoin('submissions', 'submissions.id', 'events.submission_id')
        .selectAll('events')
        .select(['submissions.client_id', 'cursors.page', 'cursors.limit'])
        // Numbered within its page, so that each page keeps its own limit.
        .select((eb) => eb.fn.agg<number>('row_number').over((over) => over.partitionBy('cursors.page').orderBy('events.id')).as('rank'))
        .where('events.public', '=', 1)
        .as('numbered'),
    )
    .selectAll()
    .whereRef('numbered.rank', '<=', 'numbered.limit')
    .orderBy('numbered.page')
    .orderBy('numbered.id')
    .execute();
  const events = pages.map((): PublicEvent[] => []);
  for (const { client_id, page, limit: _, rank: __, ...row } of rows) events[Number(page)]?.push(toPublicEvent(row, client_id));
  return events;
}
