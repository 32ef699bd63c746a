import Type from 'typebox';
import { LIMITS } from './constants.js';
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

/** Kinds of timeline event a shopper may see. Internal notes and staff-only changes are never among them. */
export const PUBLIC_EVENT_TYPES = ['received', 'status', 'reply', 'message', 'rating'] as const;

/**
 * One public timeline event. `id` is the cursor of the update stream: it only grows, per server.
 * The same shape travels as an SSE `update` event, in the polling answer and in an item's timeline.
 */
export const PublicEvent = Type.Object(
  {
    id: Type.Integer(),
    type: Type.Enum(PUBLIC_EVENT_TYPES),
    /** The server id of the submission. */
    submissionId: Type.String(),
    /** The client id the shopper's browser gave the submission. */
    clientId: Type.String(),
    at: Timestamp,
    /** Who spoke: staff (`reply`), the shopper (`message`, `rating`) or the system. */
    author: Type.Union([Type.Literal('staff'), Type.Literal('reporter'), Type.Literal('system')]),
    /** Staff display name on a reply, when staff chose to show it. */
    authorName: Type.Optional(Type.String()),
    /** Status after the event. */
    status: StatusSchema,
    publicStatus: PublicStatusSchema,
    /** Text of a reply or message: plain text, never HTML. */
    message: Type.Optional(Type.String()),
    /** The client id of a shopper message (so the browser can match it to its outbox). */
    messageClientId: Type.Optional(Type.String()),
    score: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  },
  {},
);
export type PublicEvent = Type.Static<typeof PublicEvent>;

/** A shopper's follow-up on a resolved item. */
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
export const ReporterItem = Type.Object(
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
export type ReporterItem = Type.Static<typeof ReporterItem>;

/** Query of `GET /v1/reporter/items`. */
export const ReporterItemsQuery = Type.Object(
  { since: Type.Optional(Type.Integer({ minimum: 0 })) },
  { additionalProperties: false },
);
/** Answer of `GET /v1/reporter/items`: items changed after `since`, and the cursor to pass next time. */
export const ReporterItemsResponse = Type.Object(
  { items: Type.Array(ReporterItem), cursor: Type.Integer() },
  {},
);
export type ReporterItemsResponse = Type.Static<typeof ReporterItemsResponse>;

/** Query of `GET /v1/reporter/events` (the polling form of the update stream). */
export const EventsQuery = Type.Object(
  {
    after: Type.Optional(Type.Integer({ minimum: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
/** Answer of `GET /v1/reporter/events`: the same events the stream sends, after a cursor. */
export const EventsResponse = Type.Object(
  { events: Type.Array(PublicEvent), cursor: Type.Integer() },
  {},
);
export type EventsResponse = Type.Static<typeof EventsResponse>;

/**
 * Answer of `POST /v1/reporter/stream-tickets`: a short-lived ticket that `EventSource` may put in
 * the URL of `GET /v1/reporter/updates?ticket=…`, so the long-lived reporter secret never does.
 */
export const StreamTicket = Type.Object(
  { ticket: Type.String(), expiresAt: Timestamp },
  {},
);
export type StreamTicket = Type.Static<typeof StreamTicket>;

/** Query of `GET /v1/reporter/updates`. The cursor comes as the `Last-Event-ID` header or `lastEventId`. */
export const UpdatesQuery = Type.Object(
  {
    ticket: Type.String({ minLength: 16, maxLength: 128 }),
    lastEventId: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

/** A shopper's message in the thread of one of their submissions. `clientId` is the idempotency key. */
export const MessageInput = Type.Object(
  {
    clientId: ClientId,
    /** The client id of the submission this answers (known even before the submission was accepted). */
    submissionClientId: ClientId,
    message: Type.String({ minLength: 1, maxLength: LIMITS.messageChars }),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type MessageInput = Type.Static<typeof MessageInput>;

/** The body of `POST /v1/reporter/messages`; items are checked one by one against {@link MessageInput}. */
export const MessageBatch = Type.Object(
  {
    site: Type.Optional(SiteKey),
    reporter: Type.Optional(ReporterSecret),
    items: Type.Array(Type.Unknown(), { minItems: 1, maxItems: LIMITS.batchItems }),
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

/** The answer to `POST /v1/submissions/:id/rating`: the item after the rating (reopened on a low score). */
export const RatingResult = Type.Object({ item: ReporterItem, reopened: Type.Boolean() });
export type RatingResult = Type.Static<typeof RatingResult>;
