import Type from 'typebox';
import { CONTACT_PREFERENCES, DRILL_WITHOUT, KINDS } from './constants.js';
import { KindSchema, StatusSchema, Timestamp } from './common.js';
import { DeskEvent, DeskPatch, DeskSubmission, User } from './desk.js';
import { FirstResponseBandSchema, RecoverySegmentSchema } from './analysis.js';

/**
 * What the staff console's inbox needs beyond the desk's reads and writes: sorting by the SLA
 * clock, counts per view, the staff event stream, presence (who is viewing or replying), bulk
 * changes and canned replies.
 */

/** How the inbox is ordered: what is due first (the SLA clock), oldest waiting, or newest. */
export const INBOX_SORTS = ['due', 'oldest', 'newest'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

/** Values of `InboxQuery.sla`. */
export const SLA_FILTERS = ['breached', 'due_soon', 'resolution_breached', 'resolution_due_soon'] as const;
export type SlaFilter = (typeof SLA_FILTERS)[number];

/**
 * Query of `GET /v1/desk/submissions`: server-side filters, a sort, and keyset paging.
 * `assignee` is a user id, `me` or `none`; `sla` is `breached` (a first answer owed and overdue),
 * `due_soon` (a first answer owed within the hour), `resolution_breached` (open past its resolution
 * target) or `resolution_due_soon` (open, resolution due within the hour); every clock counts in the
 * site's business hours. `open` leaves out resolved and closed.
 */
export const InboxQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(StatusSchema),
    open: Type.Optional(Type.Boolean()),
    kind: Type.Optional(KindSchema),
    department: Type.Optional(Type.String({ maxLength: 100 })),
    assignee: Type.Optional(Type.String({ maxLength: 100 })),
    product: Type.Optional(Type.String({ maxLength: 200 })),
    sla: Type.Optional(Type.Enum(SLA_FILTERS)),
    /** `true`: only submissions the intake flagged as likely spam; `false`: none of them. */
    spam: Type.Optional(Type.Boolean()),
    contactPreference: Type.Optional(Type.Enum(CONTACT_PREFERENCES)),
    siteId: Type.Optional(Type.String({ maxLength: 100 })),
    /** Received at or after this time (the analysis' drill-down). */
    from: Type.Optional(Timestamp),
    /** Received before this time. */
    to: Type.Optional(Timestamp),
    /** How the submission went, for the service-recovery comparison (see `RECOVERY_SEGMENTS`). */
    segment: Type.Optional(RecoverySegmentSchema),
    /** When the first public answer came (see `FIRST_RESPONSE_BANDS`). */
    firstResponse: Type.Optional(FirstResponseBandSchema),
    /** Rated with this score. */
    score: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    /** With no department, or no product, given (the analysis' "none" rows). */
    without: Type.Optional(Type.Enum(DRILL_WITHOUT)),
    /** @default 'due' */
    sort: Type.Optional(Type.Enum(INBOX_SORTS)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    /** The `nextCursor` of the previous page (keyset pagination; valid for the same sort). */
    cursor: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);
export type InboxQuery = Type.Static<typeof InboxQuery>;

/** The views the console counts, each a fixed filter over open submissions. */
export const INBOX_VIEWS = ['all', 'mine', 'unassigned', 'due_soon', 'breached', 'call_back', 'spam'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

/** Answer of `GET /v1/desk/submissions/counts`: how many open submissions each view holds. */
export const InboxCounts = Type.Object({
  counts: Type.Record(Type.Enum(INBOX_VIEWS), Type.Integer({ minimum: 0 })),
  /** Open submissions past their resolution target, and those due to be resolved within the hour. */
  resolution: Type.Optional(Type.Object({ breached: Type.Integer({ minimum: 0 }), dueSoon: Type.Integer({ minimum: 0 }) })),
  at: Timestamp,
});
export type InboxCounts = Type.Static<typeof InboxCounts>;

/** Body of `POST /v1/desk/submissions/bulk`: one change for many submissions, done in one request. */
export const BulkChange = Type.Object(
  {
    ids: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 5000, uniqueItems: true }),
    change: DeskPatch,
  },
  { additionalProperties: false },
);
export type BulkChange = Type.Static<typeof BulkChange>;

/** Answer of `POST /v1/desk/submissions/bulk`: how many changed, and why the others did not. */
export const BulkResult = Type.Object({
  changed: Type.Integer({ minimum: 0 }),
  unchanged: Type.Integer({ minimum: 0 }),
  failed: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), message: Type.String() })),
});
export type BulkResult = Type.Static<typeof BulkResult>;

/** What a user is doing on a submission, as others see it. */
export const PRESENCE_STATES = ['viewing', 'replying'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

/** Body of `PUT /v1/desk/submissions/:id/presence`; `left` ends it. Sent again every ~10 s while it lasts. */
export const PresenceInput = Type.Object(
  { state: Type.Union([Type.Enum(PRESENCE_STATES), Type.Literal('left')]) },
  { additionalProperties: false },
);
export type PresenceInput = Type.Static<typeof PresenceInput>;

/** Who is on one submission right now. */
export const Presence = Type.Object({
  submissionId: Type.String(),
  users: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), state: Type.Enum(PRESENCE_STATES) })),
});
export type Presence = Type.Static<typeof Presence>;

/**
 * One event of the staff event stream: a timeline event with the submission as it is after it,
 * so a list updates its row without asking again. `id` is the event's id: the stream's cursor.
 */
export const StaffEvent = Type.Object({
  id: Type.Integer(),
  event: DeskEvent,
  submission: DeskSubmission,
});
export type StaffEvent = Type.Static<typeof StaffEvent>;

/**
 * Query of `GET /v1/desk/events`. As JSON, the events after `after`; with
 * `Accept: text/event-stream`, a Server-Sent Events stream of the same events after
 * `Last-Event-ID` (or `after`), then each new one as it is committed (SSE `event: event`), and
 * presence changes (SSE `event: presence`, no id: presence is not history).
 */
export const StaffEventsQuery = Type.Object(
  {
    after: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type StaffEventsQuery = Type.Static<typeof StaffEventsQuery>;

/** JSON answer of `GET /v1/desk/events`. */
export const StaffEventsResponse = Type.Object({ events: Type.Array(StaffEvent), cursor: Type.Integer() });
export type StaffEventsResponse = Type.Static<typeof StaffEventsResponse>;

/** Placeholders a canned reply may hold; the console fills them in before the reply is sent. */
export const CANNED_PLACEHOLDERS = ['{{name}}', '{{trackingNumber}}', '{{expectedResponse}}'] as const;

/** Body of `POST /v1/desk/canned-replies` (and, every field optional, of `PATCH …/:id`). */
export const CannedReplyInput = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 100 }),
    text: Type.String({ minLength: 1, maxLength: 5000 }),
    /** Offered for this kind only; leave out for every kind. */
    kind: Type.Optional(Type.Enum(KINDS)),
    /** Offered for shoppers writing in this language only (`ko`, `en`); leave out for any. */
    locale: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}$' })),
  },
  { additionalProperties: false },
);
export type CannedReplyInput = Type.Static<typeof CannedReplyInput>;

/** A canned reply as staff see it. */
export const CannedReply = Type.Object({
  id: Type.String(),
  title: Type.String(),
  text: Type.String(),
  kind: Type.Optional(KindSchema),
  locale: Type.Optional(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type CannedReply = Type.Static<typeof CannedReply>;

/** A site as the console needs it: what it may route to and classify with. */
export const DeskSite = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kinds: Type.Array(KindSchema),
  products: Type.Array(Type.String()),
  departments: Type.Array(Type.String()),
  /** The public site key (`pk_…`, safe in page source). */
  key: Type.Optional(Type.String()),
});
export type DeskSite = Type.Static<typeof DeskSite>;

/** Answer of `GET /v1/desk/sites`: the sites the user belongs to (every site for an admin). */
export const DeskSites = Type.Object({ sites: Type.Array(DeskSite) });
export type DeskSites = Type.Static<typeof DeskSites>;

/**
 * Answer of `GET /v1/desk/session`: who is signed in, and, for a console session (cookie), the
 * CSRF token its writes send — so a reloaded console carries on without signing in again.
 */
export const CurrentSession = Type.Object({ user: User, csrfToken: Type.Optional(Type.String()) });
export type CurrentSession = Type.Static<typeof CurrentSession>;
