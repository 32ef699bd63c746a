import Type from 'typebox';
import { AUTHORS, LIMITS, PUBLIC_EVENT_TYPES } from './constants.js';
import {
  ClientId,
  ContactPreferenceSchema,
  ErrorDetail,
  KindSchema,
  PublicStatusSchema,
  ReporterSecret,
  SiteKey,
  StatusSchema,
  Timestamp,
} from './common.js';

/** Who made an event. */
export const AuthorSchema = Type.Enum(AUTHORS);

/**
 * One public timeline event. `id` is the cursor of the reporter's events: it only grows, per server.
 * The same shape travels on the Server-Sent Events stream, in the JSON answer of
 * `GET /v1/reporter/events` and in a submission's timeline.
 */
export const PublicEvent = Type.Object(
  {
    id: Type.Integer(),
    type: Type.Enum(PUBLIC_EVENT_TYPES),
    /** The server's id of the submission. */
    submissionId: Type.String(),
    /** The client id the shopper's browser gave the submission. */
    clientId: Type.String(),
    at: Timestamp,
    /** Who spoke: staff (`reply`), the shopper (`message`, `rating`) or the system. */
    author: AuthorSchema,
    /** The user's display name on a reply, when staff chose to show it. */
    authorName: Type.Optional(Type.String()),
    /** Status after the event. */
    status: StatusSchema,
    publicStatus: PublicStatusSchema,
    /** Text of a reply, a message or a rating's comment: plain text, never HTML. */
    text: Type.Optional(Type.String()),
    /** The client id of a shopper message (so the browser can match it to its outbox). */
    messageClientId: Type.Optional(Type.String()),
    score: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  },
  {},
);
export type PublicEvent = Type.Static<typeof PublicEvent>;

/** A shopper's follow-up on a resolved submission. */
export const Rating = Type.Object(
  {
    score: Type.Integer({ minimum: 1, maximum: 5 }),
    wouldBuyAgain: Type.Boolean(),
    comment: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type Rating = Type.Static<typeof Rating>;

/** A submission as its reporter sees it. */
export const ReporterSubmission = Type.Object(
  {
    id: Type.String(),
    clientId: Type.String(),
    trackingNumber: Type.String(),
    kind: KindSchema,
    message: Type.String(),
    product: Type.Optional(Type.String()),
    orderRef: Type.Optional(Type.String()),
    contactPreference: ContactPreferenceSchema,
    status: StatusSchema,
    publicStatus: PublicStatusSchema,
    createdAt: Timestamp,
    receivedAt: Timestamp,
    expectedResponseBy: Timestamp,
    /** When staff first answered in public; absent while waiting. */
    firstResponseAt: Type.Optional(Timestamp),
    resolvedAt: Type.Optional(Timestamp),
    rating: Type.Optional(Rating),
    timeline: Type.Array(PublicEvent),
  },
  {},
);
export type ReporterSubmission = Type.Static<typeof ReporterSubmission>;

/** A cursor: the id of the last event seen (0 for none). */
const Cursor = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

/** Query of `GET /v1/reporter/submissions`. */
export const ReporterSubmissionsQuery = Type.Object(
  { after: Type.Optional(Cursor) },
  { additionalProperties: false },
);
export type ReporterSubmissionsQuery = Type.Static<typeof ReporterSubmissionsQuery>;

/** Answer of `GET /v1/reporter/submissions`: submissions with events after `after`, and the cursor to pass next time. */
export const ReporterSubmissionsResponse = Type.Object(
  { submissions: Type.Array(ReporterSubmission), cursor: Type.Integer() },
  {},
);
export type ReporterSubmissionsResponse = Type.Static<typeof ReporterSubmissionsResponse>;

/**
 * Query of `GET /v1/reporter/events`. As JSON (the reporter secret in its header), the events
 * after `after`. As a Server-Sent Events stream (`Accept: text/event-stream`; `EventSource` cannot
 * set headers, so a short-lived `ticket` stands in for the secret), the events after
 * `Last-Event-ID` (or `after`), then each new one as it is committed.
 */
export const EventsQuery = Type.Object(
  {
    after: Type.Optional(Cursor),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    /** From `POST /v1/reporter/stream-tickets`; only for the stream. */
    ticket: Type.Optional(Type.String({ minLength: 16, maxLength: 128 })),
  },
  { additionalProperties: false },
);
export type EventsQuery = Type.Static<typeof EventsQuery>;

/** JSON answer of `GET /v1/reporter/events`: the same events the stream sends, after a cursor. */
export const EventsResponse = Type.Object(
  { events: Type.Array(PublicEvent), cursor: Type.Integer() },
  {},
);
export type EventsResponse = Type.Static<typeof EventsResponse>;

/**
 * Answer of `POST /v1/reporter/stream-tickets`: a short-lived ticket that `EventSource` may put in
 * the URL of `GET /v1/reporter/events?ticket=…`, so the long-lived reporter secret never does.
 */
export const StreamTicket = Type.Object(
  { ticket: Type.String(), expiresAt: Timestamp },
  {},
);
export type StreamTicket = Type.Static<typeof StreamTicket>;

/** A shopper's message in the thread of one of their submissions. `clientId` is the idempotency key. */
export const MessageInput = Type.Object(
  {
    clientId: ClientId,
    /** The client id of the submission this answers (known even before the submission was accepted). */
    submissionClientId: ClientId,
    text: Type.String({ minLength: 1, maxLength: LIMITS.messageChars }),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type MessageInput = Type.Static<typeof MessageInput>;

/** The body of `POST /v1/reporter/messages`; messages are checked one by one against {@link MessageInput}. */
export const MessageBatch = Type.Object(
  {
    site: Type.Optional(SiteKey),
    reporter: Type.Optional(ReporterSecret),
    messages: Type.Array(Type.Unknown(), { minItems: 1, maxItems: LIMITS.batchSize }),
  },
  { additionalProperties: false },
);
export type MessageBatch = Type.Static<typeof MessageBatch>;

/** The outcome for one message of a batch. */
export const MessageResult = Type.Union(
  [
    Type.Object({ clientId: Type.String(), result: Type.Literal('accepted'), event: PublicEvent }),
    Type.Object({ clientId: Type.String(), result: Type.Literal('duplicate'), event: PublicEvent }),
    Type.Object({ clientId: Type.String(), result: Type.Literal('rejected'), error: ErrorDetail }),
  ],
  {},
);
export type MessageResult = Type.Static<typeof MessageResult>;

/** The answer to `POST /v1/reporter/messages`. */
export const MessageBatchResult = Type.Object({ results: Type.Array(MessageResult) });
export type MessageBatchResult = Type.Static<typeof MessageBatchResult>;

/** The answer to `POST /v1/submissions/:id/rating`: the submission after the rating (reopened on a low score). */
export const RatingResult = Type.Object({ submission: ReporterSubmission, reopened: Type.Boolean() });
export type RatingResult = Type.Static<typeof RatingResult>;
