import Type from 'typebox';
import { LIMITS } from './constants.js';
import { Contact, Context } from './submission.js';
import { KindSchema, PublicStatusSchema, StatusSchema, Timestamp } from './common.js';
import { Rating } from './reporter.js';

/** Every kind of timeline event, public or staff-only. */
export const EVENT_TYPES = [
  'received',
  'status',
  'reply',
  'message',
  'note',
  'classification',
  'routing',
  'assignment',
  'rating',
  'improvement',
  'erasure',
] as const;

/** One timeline event as staff see it. */
export const DeskEvent = Type.Object(
  {
    id: Type.Integer(),
    submissionId: Type.String(),
    type: Type.Enum(EVENT_TYPES),
    at: Timestamp,
    author: Type.Union([Type.Literal('staff'), Type.Literal('reporter'), Type.Literal('system')]),
    /** The staff user who acted, if any. */
    actorId: Type.Optional(Type.String()),
    actorName: Type.Optional(Type.String()),
    /** Whether the shopper sees this event. */
    public: Type.Boolean(),
    status: StatusSchema,
    message: Type.Optional(Type.String()),
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
    /** Why the intake flagged it (honeypot filled, filled too fast); flagged items are kept, never dropped. */
    spamReason: Type.Optional(Type.String()),
    createdAt: Timestamp,
    receivedAt: Timestamp,
    updatedAt: Timestamp,
    expectedResponseBy: Timestamp,
    firstResponseAt: Type.Optional(Timestamp),
    resolvedAt: Type.Optional(Timestamp),
    closedReason: Type.Optional(Type.String()),
    rating: Type.Optional(Rating),
  },
  {},
);
export type DeskSubmission = Type.Static<typeof DeskSubmission>;

/** Query of `GET /v1/desk/submissions`. */
export const DeskListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(StatusSchema),
    kind: Type.Optional(KindSchema),
    department: Type.Optional(Type.String({ maxLength: 100 })),
    assignee: Type.Optional(Type.String({ maxLength: 100 })),
    product: Type.Optional(Type.String({ maxLength: 200 })),
    /** `breached`: first response overdue; `due_soon`: due within the hour. */
    sla: Type.Optional(Type.Union([Type.Literal('breached'), Type.Literal('due_soon')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    /** The `nextCursor` of the previous page (keyset pagination). */
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type DeskListQuery = Type.Static<typeof DeskListQuery>;

/** Answer of `GET /v1/desk/submissions`, newest first. */
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
export const DeskMessage = Type.Object(
  { message: Type.String({ minLength: 1, maxLength: LIMITS.messageChars }) },
  { additionalProperties: false },
);
export type DeskMessage = Type.Static<typeof DeskMessage>;

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
    note: Type.String({ minLength: 1, maxLength: LIMITS.messageChars }),
  },
  { additionalProperties: false },
);
export type ImprovementInput = Type.Static<typeof ImprovementInput>;

/** Events a webhook can subscribe to. */
export const WEBHOOK_EVENTS = ['submission.created', 'submission.routed', 'improvement.created'] as const;

/** Body of `POST /v1/desk/webhooks`. */
export const WebhookInput = Type.Object(
  {
    url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048 }),
    /** Only items of this department; leave out for every item of the site. */
    department: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** @default all of WEBHOOK_EVENTS */
    events: Type.Optional(Type.Array(Type.Enum(WEBHOOK_EVENTS), { minItems: 1, uniqueItems: true })),
    /** The site whose items it hears about. */
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

/** Query of `GET /v1/desk/analytics` and `GET /v1/desk/export.csv`: items received in `[from, to)`. */
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
  /** Items the figure is over. */
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
  /** First responses on or before the SLA target, among answered items and overdue unanswered ones. */
  slaCompliance: Share,
  /** Ratings: average score and how many rated 4 or 5. */
  csat: Type.Object({ count: Type.Integer(), average: Type.Optional(Type.Number()), satisfied: Share }),
  /** Would buy again, by how the item went (service recovery). */
  wouldBuyAgain: Type.Object({
    noComplaint: Share,
    resolvedQuickly: Share,
    resolvedLate: Share,
    unresolved: Share,
  }),
});
export type Analytics = Type.Static<typeof Analytics>;

/** A staff member as the desk API shows them. */
export const StaffUser = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.String(),
  department: Type.Union([Type.String(), Type.Null()]),
});
export type StaffUser = Type.Static<typeof StaffUser>;
