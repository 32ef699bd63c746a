import Type from 'typebox';
import { EVENT_TYPES, LIMITS, WEBHOOK_EVENTS } from './constants.js';
import { Contact, Context } from './submission.js';
import { KindSchema, PublicStatusSchema, StatusSchema, Timestamp } from './common.js';
import { AuthorSchema, Rating } from './reporter.js';

/** One timeline event as staff see it. */
export const DeskEvent = Type.Object(
  {
    id: Type.Integer(),
    submissionId: Type.String(),
    type: Type.Enum(EVENT_TYPES),
    at: Timestamp,
    author: AuthorSchema,
    /** The user who acted, if any. */
    actorId: Type.Optional(Type.String()),
    actorName: Type.Optional(Type.String()),
    /** Whether the shopper sees this event. */
    public: Type.Boolean(),
    status: StatusSchema,
    /** Text of a reply, note, message, improvement or erasure reason: plain text, never HTML. */
    text: Type.Optional(Type.String()),
    /** What changed, for classification, routing, assignment and status events. */
    data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  {},
);
export type DeskEvent = Type.Static<typeof DeskEvent>;

/** A submission as staff see it. */
export const DeskSubmission = Type.Object(
  {
    id: Type.String(),
    clientId: Type.String(),
    trackingNumber: Type.String(),
    siteId: Type.String(),
    kind: KindSchema,
    message: Type.String(),
    status: StatusSchema,
    publicStatus: PublicStatusSchema,
    awaiting: Type.Union([Type.Literal('staff'), Type.Literal('reporter')]),
    contact: Type.Optional(Contact),
    product: Type.Optional(Type.String()),
    orderRef: Type.Optional(Type.String()),
    pageUrl: Type.Optional(Type.String()),
    locale: Type.Optional(Type.String()),
    context: Type.Optional(Context),
    department: Type.Optional(Type.String()),
    assigneeId: Type.Optional(Type.String()),
    /** Why the intake flagged it (honeypot filled, filled too fast); flagged submissions are kept, never dropped. */
    spamReason: Type.Optional(Type.String()),
    createdAt: Timestamp,
    receivedAt: Timestamp,
    updatedAt: Timestamp,
    /** When the first response is due (the first-response target, counted in business hours). */
    expectedResponseBy: Timestamp,
    /** When resolution is due (the resolution target, counted in business hours from receipt). */
    resolutionDueBy: Type.Optional(Timestamp),
    firstResponseAt: Type.Optional(Timestamp),
    resolvedAt: Type.Optional(Timestamp),
    closedReason: Type.Optional(Type.String()),
    rating: Type.Optional(Rating),
  },
  {},
);
export type DeskSubmission = Type.Static<typeof DeskSubmission>;

/** Answer of `GET /v1/desk/submissions` (its query is `InboxQuery`): one page, and the cursor of the next. */
export const DeskList = Type.Object(
  { submissions: Type.Array(DeskSubmission), nextCursor: Type.Optional(Type.String()) },
  {},
);
export type DeskList = Type.Static<typeof DeskList>;

/** Answer of `GET /v1/desk/submissions/:id`. */
export const DeskDetail = Type.Object(
  { submission: DeskSubmission, timeline: Type.Array(DeskEvent) },
  {},
);
export type DeskDetail = Type.Static<typeof DeskDetail>;

/** Body of `PATCH /v1/desk/submissions/:id`: change status, classification, routing or assignment. */
export const DeskPatch = Type.Object(
  {
    status: Type.Optional(StatusSchema),
    /** Required when closing. */
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    kind: Type.Optional(KindSchema),
    product: Type.Optional(Type.String({ maxLength: 200 })),
    department: Type.Optional(Type.String({ maxLength: 100 })),
    assigneeId: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type DeskPatch = Type.Static<typeof DeskPatch>;

/** Body of `POST /v1/desk/submissions/:id/replies` (public) and `…/notes` (staff only). */
export const DeskText = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: LIMITS.messageChars }),
    /**
     * The newest event of the submission the writer had seen. When a reply, note or shopper message
     * came after it, the server answers 409 `stale` instead of adding this one: the writer decides
     * on what is new, then sends again with the newer id.
     */
    seenEventId: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  },
  { additionalProperties: false },
);
export type DeskText = Type.Static<typeof DeskText>;

/** Answer of the desk's write calls: the submission after the change and the event it made. */
export const DeskChange = Type.Object(
  { submission: DeskSubmission, event: Type.Optional(DeskEvent) },
  {},
);
export type DeskChange = Type.Static<typeof DeskChange>;

/** Body of `POST /v1/desk/submissions/:id/improvements`: what a department should change (VOC step 10). */
export const ImprovementInput = Type.Object(
  {
    department: Type.String({ minLength: 1, maxLength: 100 }),
    /** What the department should change. */
    text: Type.String({ minLength: 1, maxLength: LIMITS.messageChars }),
  },
  { additionalProperties: false },
);
export type ImprovementInput = Type.Static<typeof ImprovementInput>;


/** Body of `POST /v1/desk/webhooks`. */
export const WebhookInput = Type.Object(
  {
    url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048 }),
    /** Only submissions of this department; leave out for every submission of the site. */
    department: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** @default all of WEBHOOK_EVENTS */
    events: Type.Optional(Type.Array(Type.Enum(WEBHOOK_EVENTS), { minItems: 1, uniqueItems: true })),
    /** The site whose submissions it hears about. */
    siteId: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);
export type WebhookInput = Type.Static<typeof WebhookInput>;

/** A webhook as staff see it (its signing secret is shown once, at creation). */
export const Webhook = Type.Object({
  id: Type.String(),
  siteId: Type.String(),
  url: Type.String(),
  department: Type.Optional(Type.String()),
  events: Type.Array(Type.String()),
  createdAt: Timestamp,
});
export type Webhook = Type.Static<typeof Webhook>;

/** Answer of `POST /v1/desk/webhooks`: the hook and its HMAC-SHA256 signing secret, shown once. */
export const WebhookCreated = Type.Object({ webhook: Webhook, secret: Type.String() });
export type WebhookCreated = Type.Static<typeof WebhookCreated>;

/** Query of `GET /v1/desk/analytics` and `GET /v1/desk/export.csv`: submissions received in `[from, to)`. */
export const AnalyticsQuery = Type.Object(
  {
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
    siteId: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type AnalyticsQuery = Type.Static<typeof AnalyticsQuery>;

const Percentiles = Type.Object({
  /** Submissions the figure is over. */
  count: Type.Integer(),
  p50: Type.Optional(Type.Number()),
  p90: Type.Optional(Type.Number()),
});

const Share = Type.Object({ count: Type.Integer(), share: Type.Number() });

/** Answer of `GET /v1/desk/analytics` (VOC step 9). Times are in minutes, shares between 0 and 1. */
export const Analytics = Type.Object({
  from: Type.Optional(Timestamp),
  to: Type.Optional(Timestamp),
  total: Type.Integer(),
  /** Counts by kind × status × department × product (absent department or product: `null`). */
  counts: Type.Array(
    Type.Object({
      kind: KindSchema,
      status: StatusSchema,
      department: Type.Union([Type.String(), Type.Null()]),
      product: Type.Union([Type.String(), Type.Null()]),
      count: Type.Integer(),
    }),
  ),
  firstResponseMinutes: Percentiles,
  resolutionMinutes: Percentiles,
  /** When the first public answer came, counted from receipt. */
  answered: Type.Object({ withinHour: Share, withinDay: Share, withinWeek: Share, later: Share, never: Share }),
  /** First responses on or before the SLA target, among answered submissions and overdue unanswered ones. */
  slaCompliance: Share,
  /** Ratings: average score and how many rated 4 or 5. */
  csat: Type.Object({ count: Type.Integer(), average: Type.Optional(Type.Number()), satisfied: Share }),
  /** Would buy again, by how the submission went (service recovery). */
  wouldBuyAgain: Type.Object({
    noComplaint: Share,
    resolvedQuickly: Share,
    resolvedLate: Share,
    unresolved: Share,
  }),
});
export type Analytics = Type.Static<typeof Analytics>;

/** Roles of users (staff): admins manage sites, users and webhooks; agents work the queue. */
export const ROLES = ['admin', 'agent'] as const;
/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];
/** A user's role. */
export const RoleSchema = Type.Enum(ROLES);

/** A user (staff) as the desk API shows them. */
export const User = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  department: Type.Union([Type.String(), Type.Null()]),
  /** Sites whose submissions this user sees (every site for an admin). */
  siteIds: Type.Optional(Type.Array(Type.String())),
});
export type User = Type.Static<typeof User>;

/** Answer of `GET /v1/desk/users`, by name. */
export const UserList = Type.Object({ users: Type.Array(User) });
export type UserList = Type.Static<typeof UserList>;

/** Body of `POST /v1/desk/users` (admins only). */
export const UserInput = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    role: RoleSchema,
    password: Type.String({ minLength: 10, maxLength: 200 }),
    /** @default the part of the email before the `@` */
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    department: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type UserInput = Type.Static<typeof UserInput>;

/** Body of `POST /v1/desk/session`: the console's sign-in. */
export const SignInInput = Type.Object(
  { email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);
export type SignInInput = Type.Static<typeof SignInInput>;

/** Answer of `POST /v1/desk/session`: who signed in, and the token to send in `x-csrf-token` on writes. */
export const Session = Type.Object({ user: User, csrfToken: Type.String() });
export type Session = Type.Static<typeof Session>;

/** Body of `POST /v1/desk/tokens`. */
export const ApiTokenInput = Type.Object(
  {
    /** What the token is for, e.g. `zapier`. @default 'api' */
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** When it stops working; left out, never. */
    expiresAt: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);
export type ApiTokenInput = Type.Static<typeof ApiTokenInput>;

/** Answer of `POST /v1/desk/tokens`: the token, shown once (only its hash is kept). */
export const ApiTokenCreated = Type.Object({ token: Type.String(), id: Type.Optional(Type.String()) });
export type ApiTokenCreated = Type.Static<typeof ApiTokenCreated>;

/** Body of `POST /v1/desk/submissions/:id/erasure` (admins only). */
export const ErasureInput = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
export type ErasureInput = Type.Static<typeof ErasureInput>;

/** Path parameters of the desk's calls on one thing. */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
export type IdParams = Type.Static<typeof IdParams>;

/** Answer of `GET /v1/desk/webhooks`, oldest first. */
export const WebhookList = Type.Object({ webhooks: Type.Array(Webhook) });
export type WebhookList = Type.Static<typeof WebhookList>;

/** How a notification reaches someone: an email to the shopper or a call to a webhook. */
export const NOTIFICATION_CHANNELS = ['email', 'webhook'] as const;
/** One of {@link NOTIFICATION_CHANNELS}. */
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * Where a notification stands: waiting for its next attempt, sent, given up after the last
 * attempt, or cancelled (never sent, because what it was about was erased).
 */
export const NOTIFICATION_STATES = ['pending', 'sent', 'failed', 'cancelled'] as const;
/** One of {@link NOTIFICATION_STATES}. */
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

/** How one delivery (one attempt to send a notification) ended. */
export const ATTEMPT_OUTCOMES = ['sent', 'failed'] as const;
/** One of {@link ATTEMPT_OUTCOMES}. */
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** One delivery: one attempt to send a notification. */
export const NotificationAttempt = Type.Object({
  /** 1 for the first attempt. */
  attempt: Type.Integer({ minimum: 1 }),
  at: Timestamp,
  outcome: Type.Enum(ATTEMPT_OUTCOMES),
  /** Why the attempt failed: the SMTP server's or the receiver's answer. */
  error: Type.Optional(Type.String()),
});
export type NotificationAttempt = Type.Static<typeof NotificationAttempt>;

/** An email or webhook call about an event, with its deliveries (attempts), oldest first. */
export const Notification = Type.Object({
  id: Type.Integer(),
  channel: Type.Enum(NOTIFICATION_CHANNELS),
  /** An email address, or the id of a webhook. */
  target: Type.String(),
  state: Type.Enum(NOTIFICATION_STATES),
  attempts: Type.Integer(),
  lastError: Type.Optional(Type.String()),
  createdAt: Timestamp,
  sentAt: Type.Optional(Timestamp),
  /** When the worker tries again, while `pending`. */
  nextAttemptAt: Timestamp,
  deliveries: Type.Array(NotificationAttempt),
});
export type Notification = Type.Static<typeof Notification>;

/** Query of `GET /v1/desk/notifications`. */
export const NotificationsQuery = Type.Object(
  {
    state: Type.Optional(Type.Enum(NOTIFICATION_STATES)),
    /** Only the calls to this webhook: its delivery log. */
    webhookId: Type.Optional(Type.String({ maxLength: 100 })),
    /** @default 100 */
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type NotificationsQuery = Type.Static<typeof NotificationsQuery>;

/** Answer of `GET /v1/desk/notifications` (admins only), newest first. */
export const NotificationList = Type.Object({ notifications: Type.Array(Notification) });
export type NotificationList = Type.Static<typeof NotificationList>;
