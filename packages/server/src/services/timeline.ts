import { publicStatusOf, type Awaiting, type DeskEvent, type PublicEvent, type Status } from '@sori/protocol';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, EventTable, SubmissionTable } from '../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;
export type EventRow = Selectable<EventTable>;

/** One event to append. */
export interface NewEvent {
  type: string;
  author: 'staff' | 'reporter' | 'system';
  /** Whether the shopper sees it. */
  public: boolean;
  /** The submission as it is after the event (its status and who is awaited are recorded). */
  submission: Pick<Selectable<SubmissionTable>, 'id' | 'reporter_id' | 'site_id' | 'status' | 'awaiting'>;
  /** The staff member who acted. */
  actor?: { id: string; name: string };
  message?: string | undefined;
  messageClientId?: string;
  data?: object;
  /** @default now */
  at?: string;
}

/** Appends one event to a submission's timeline (append-only) and returns it with its id. */
export async function appendEvent(db: Db, event: NewEvent): Promise<EventRow> {
  return db
    .insertInto('events')
    .values({
      submission_id: event.submission.id,
      reporter_id: event.submission.reporter_id,
      site_id: event.submission.site_id,
      type: event.type,
      at: event.at ?? new Date().toISOString(),
      author: event.author,
      actor_id: event.actor?.id ?? null,
      actor_name: event.actor?.name ?? null,
      public: event.public ? 1 : 0,
      status: event.submission.status,
      awaiting: event.submission.awaiting,
      message: event.message ?? null,
      message_client_id: event.messageClientId ?? null,
      data: event.data ? JSON.stringify(event.data) : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

function optional<K extends string, V>(key: K, value: V | null | undefined): Partial<Record<K, V>> {
  return value === null || value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** The shopper's view of an event. */
export function toPublicEvent(row: EventRow, clientId: string): PublicEvent {
  const data = row.data ? (JSON.parse(row.data) as { score?: number }) : {};
  const status = row.status as Status;
  return {
    id: Number(row.id),
    type: row.type as PublicEvent['type'],
    submissionId: row.submission_id,
    clientId,
    at: row.at,
    author: row.author as PublicEvent['author'],
    ...optional('authorName', row.type === 'reply' ? row.actor_name : null),
    status,
    publicStatus: publicStatusOf(status, row.awaiting as Awaiting),
    ...optional('message', row.message),
    ...optional('messageClientId', row.message_client_id),
    ...optional('score', data.score),
  };
}

/** Staff's view of an event. */
export function toDeskEvent(row: EventRow): DeskEvent {
  return {
    id: Number(row.id),
    submissionId: row.submission_id,
    type: row.type as DeskEvent['type'],
    at: row.at,
    author: row.author as DeskEvent['author'],
    ...optional('actorId', row.actor_id),
    ...optional('actorName', row.actor_name),
    public: row.public === 1,
    status: row.status as Status,
    ...optional('message', row.message),
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
