import type { Author, EventType, NotificationChannel } from '@sori/protocol';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { dialectOf, type Dialect } from '../db/database.js';
import { insertRows, type Row } from '../db/rows.js';
import type { Database, EventTable, SubmissionTable } from '../db/schema.js';

/** A timeline event as stored. */
export type EventRow = Selectable<EventTable>;

/** One event to append to a submission's timeline. */
export interface NewEvent {
  type: EventType;
  author: Author;
  /** Whether the shopper sees it. */
  public: boolean;
  /** The submission as it is after the event (its status and who is awaited are recorded). */
  submission: Pick<Selectable<SubmissionTable>, 'id' | 'reporter_id' | 'site_id' | 'status' | 'awaiting'>;
  /** The user who acted. */
  actor?: { id: string; name: string };
  text?: string | undefined;
  messageClientId?: string;
  data?: object;
  /** @default now */
  at?: string;
}

/** One email or webhook call to send after commit. */
export interface NewNotification {
  channel: NotificationChannel;
  /** An email address or a webhook id. */
  target: string;
  /** What to send, as JSON. */
  payload: object;
  /** The submission it is about: an erasure of that submission scrubs or cancels it too. */
  submissionId: string;
}

/** What committed work must tell the world outside the database. */
export interface Effects {
  /** Reporters whose public timeline grew: their open streams read on. */
  readonly reporters: ReadonlySet<string>;
  /** Whether notifications were queued: the worker looks now rather than at its next poll. */
  readonly notifications: boolean;
  /** Whether any event was appended, public or not: the staff event streams read on. */
  readonly events: boolean;
}

/** Tells the world what a commit changed; called once per commit, never for a rolled-back one. */
export type Publish = (effects: Effects) => void;

/** One piece of work: its queries and writes, through the unit it is given. */
export type Work<T> = (unit: UnitOfWork) => Promise<T>;

/**
 * One piece of work inside a transaction. Its queries go through `db`; the two writes that matter
 * after commit — appending a timeline event and queueing a notification — exist only here, so
 * that a write path cannot make them and forget to publish: {@link UnitOfWork.commit} publishes
 * what the units recorded once their transaction has committed.
 */
export class UnitOfWork {
  readonly #reporters = new Set<string>();
  #notifications = false;
  #events = false;
  readonly #afterCommit: Array<() => void> = [];

  private constructor(
    /** The transaction this work runs in (shared with other units under group commit). */
    readonly db: Transaction<Database>,
    /** The engine, for the statements written per engine (`db/rows.ts`). */
    readonly dialect: Dialect,
  ) {}

  /** Appends one event to a submission's timeline (append-only) and answers it with its id. */
  async appendEvent(event: NewEvent): Promise<EventRow> {
    const row = await this.db.insertInto('events').values(this.#eventRow(event)).returningAll().executeTakeFirstOrThrow();
    this.#record(event);
    return row;
  }

  /**
   * Appends many events with one statement, in order, reading nothing back: what a group commit
   * of intake does with the `received` events of all its submissions.
   */
  async appendEvents(events: readonly NewEvent[]): Promise<void> {
    await insertRows(this.db, this.dialect, 'events', events.map((event) => this.#eventRow(event)));
    for (const event of events) this.#record(event);
  }

  #eventRow(event: NewEvent) {
    return {
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
      text: event.text ?? null,
      message_client_id: event.messageClientId ?? null,
      data: event.data ? JSON.stringify(event.data) : null,
    } satisfies Row;
  }

  /**
   * Runs `callback` once the transaction has committed (never for a rolled-back one): for what
   * may be remembered outside the database only once it is stored, such as a cache entry.
   */
  afterCommit(callback: () => void): void {
    this.#afterCommit.push(callback);
  }

  #record(event: NewEvent): void {
    // Reporters' streams show public events only; staff streams show every event.
    if (event.public) this.#reporters.add(event.submission.reporter_id);
    this.#events = true;
  }

  /** Queues an email or webhook call, sent by the notification worker after commit. */
  async queueNotification(notification: NewNotification): Promise<void> {
    const now = new Date().toISOString();
    await this.db
      .insertInto('notifications')
      .values({
        channel: notification.channel,
        target: notification.target,
        submission_id: notification.submissionId,
        payload: JSON.stringify(notification.payload),
        state: 'pending',
        attempts: 0,
        next_attempt_at: now,
        last_error: null,
        created_at: now,
        sent_at: null,
      })
      .execute();
    this.#notifications = true;
  }

  /**
   * Runs each piece of work, in order, in one transaction, each with a unit of its own; after the
   * commit, publishes what they recorded together (one entry per reporter) and answers their
   * results. When the transaction fails nothing is published: the effects go with the writes.
   */
  static async commit<T>(db: Kysely<Database>, works: ReadonlyArray<Work<T>>, publish: Publish): Promise<T[]> {
    const units: UnitOfWork[] = [];
    const dialect = dialectOf(db);
    const results = await db.transaction().execute(async (trx) => {
      const out: T[] = [];
      for (const work of works) {
        const unit = new UnitOfWork(trx, dialect);
        units.push(unit);
        out.push(await work(unit));
      }
      return out;
    });
    publish({
      reporters: new Set(units.flatMap((unit) => [...unit.#reporters])),
      notifications: units.some((unit) => unit.#notifications),
      events: units.some((unit) => unit.#events),
    });
    for (const unit of units) for (const callback of unit.#afterCommit) callback();
    return results;
  }
}
