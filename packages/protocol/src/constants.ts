/**
 * Tiny, dependency-free constants of the Sori wire protocol.
 *
 * The browser packages import only this module (and types) from `@sori/protocol`, so that
 * TypeBox never ends up in the widget bundle.
 */

/** What a shopper can send. */
export const KINDS = ['inquiry', 'complaint', 'praise', 'suggestion'] as const;
/** One of {@link KINDS}. */
export type Kind = (typeof KINDS)[number];

/** The staff-side lifecycle of a submission (DESIGN.md, "Lifecycle"). */
export const STATUSES = ['received', 'triaged', 'assigned', 'in_progress', 'resolved', 'closed', 'reopened'] as const;
/** One of {@link STATUSES}. */
export type Status = (typeof STATUSES)[number];

/**
 * What the shopper sees: a simpler view of {@link Status}. `answered` is derived: the submission is in
 * work and the latest public word is from staff. `closed` is kept apart from `resolved` so that an
 * submission closed without a resolution is never shown to the shopper as resolved.
 */
export const PUBLIC_STATUSES = ['received', 'in_review', 'answered', 'resolved', 'closed'] as const;
/** One of {@link PUBLIC_STATUSES}. */
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

/** Allowed status changes; `closed` is reachable from every state (with a reason). */
export const TRANSITIONS: Readonly<Record<Status, readonly Status[]>> = {
  received: ['triaged', 'assigned', 'in_progress', 'resolved', 'closed'],
  triaged: ['assigned', 'in_progress', 'resolved', 'closed'],
  assigned: ['triaged', 'in_progress', 'resolved', 'closed'],
  in_progress: ['assigned', 'resolved', 'closed'],
  resolved: ['reopened', 'closed'],
  closed: ['reopened'],
  reopened: ['triaged', 'assigned', 'in_progress', 'resolved', 'closed'],
};

/** Whether the lifecycle allows going from `from` to `to`. */
export function canTransition(from: Status, to: Status): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Who is expected to speak next in a submission's thread. */
export const AWAITING = ['staff', 'reporter'] as const;
/** One of {@link AWAITING}. */
export type Awaiting = (typeof AWAITING)[number];

/** Who made a timeline event: staff (a user), the shopper (the reporter) or Sori itself. */
export const AUTHORS = ['staff', 'reporter', 'system'] as const;
/** One of {@link AUTHORS}. */
export type Author = (typeof AUTHORS)[number];

/** Every type of timeline event, public or staff-only. */
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
  'export',
  'follow_up',
  'improvement_done',
] as const;
/** One of {@link EVENT_TYPES}. */
export type EventType = (typeof EVENT_TYPES)[number];

/** Types of timeline event a shopper may see. Notes and staff-only changes are never among them. */
export const PUBLIC_EVENT_TYPES = ['received', 'status', 'reply', 'message', 'rating', 'improvement_done'] as const;
/** One of {@link PUBLIC_EVENT_TYPES}. */
export type PublicEventType = (typeof PUBLIC_EVENT_TYPES)[number];

/** The shopper's view of a staff-side status. */
export function publicStatusOf(status: Status, awaiting: Awaiting = 'staff'): PublicStatus {
  if (status === 'received') return awaiting === 'reporter' ? 'answered' : 'received';
  if (status === 'resolved' || status === 'closed') return status;
  return awaiting === 'reporter' ? 'answered' : 'in_review';
}

/** Departments a site routes submissions to unless it sets its own (DESIGN.md, VOC step 3 and 10). */
export const DEFAULT_DEPARTMENTS = ['rnd', 'production', 'marketing', 'sales', 'logistics', 'customer_service'] as const;

/** How a shopper wants to be answered. */
export const CONTACT_PREFERENCES = ['widget', 'email', 'phone'] as const;
/** One of {@link CONTACT_PREFERENCES}. */
export type ContactPreference = (typeof CONTACT_PREFERENCES)[number];

/** Default expected first-response time per kind, in minutes (a site may override them). */
export const DEFAULT_SLA_MINUTES: Readonly<Record<Kind, number>> = {
  complaint: 60,
  inquiry: 4 * 60,
  suggestion: 3 * 24 * 60,
  praise: 3 * 24 * 60,
};

/** Default resolution target per kind, in minutes of business hours (a site may override them). */
export const DEFAULT_RESOLUTION_MINUTES: Readonly<Record<Kind, number>> = {
  complaint: 3 * 24 * 60,
  inquiry: 2 * 24 * 60,
  suggestion: 14 * 24 * 60,
  praise: 7 * 24 * 60,
};

/** Weekday keys of business hours, in the order of `Date.prototype.getDay()` (0 = Sunday). */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
/** One of {@link WEEKDAYS}. */
export type Weekday = (typeof WEEKDAYS)[number];

/** Limits shared by the SDK (to refuse early) and the server (to refuse for real). */
export const LIMITS = {
  /** Submissions in one `POST /v1/submissions` batch, or messages in one `POST /v1/reporter/messages` batch. */
  batchSize: 50,
  /** Characters in one message. */
  messageChars: 5000,
  /** Bytes in one request body. */
  bodyBytes: 256 * 1024,
  /** Bytes a `keepalive` fetch may carry on `pagehide` (browsers cap the sum at 64 KiB). */
  keepaliveBytes: 64 * 1024,
} as const;

/** Header that carries the public site key (`pk_…`). May instead come in the body as `site`. */
export const SITE_HEADER = 'x-sori-site';
/** The Server-Sent Events `event:` name of one timeline event on an event stream (reporter's or staff's). */
export const STREAM_EVENT = 'event';
/**
 * The Server-Sent Events `event:` name of a stream's heartbeat, sent every ~15 s. An event, not a
 * comment line, so that `EventSource` sees it: two missed heartbeats tell a client its stream died.
 */
export const HEARTBEAT_EVENT = 'heartbeat';
/** Seconds between heartbeats on an event stream (DESIGN.md: ~15 s). */
export const HEARTBEAT_SECONDS = 15;
/** The Server-Sent Events `event:` name of a presence change on the staff event stream (no id: not history). */
export const PRESENCE_EVENT = 'presence';

/** Header that carries the reporter secret. May instead come in the body as `reporter`. Never in a URL. */
export const REPORTER_HEADER = 'x-sori-reporter';

/** Paths of the public (shopper-side) API, v1. */
export const PATHS = {
  submissions: '/v1/submissions',
  rating: (submissionId: string) => `/v1/submissions/${encodeURIComponent(submissionId)}/rating`,
  /** The reporter's own submissions with their public timelines. */
  reporterSubmissions: '/v1/reporter/submissions',
  /** Everything stored about this browser's reporter, as JSON (the shopper's "download my data"). */
  reporterData: '/v1/reporter/data',
  /** Erases everything this browser's reporter wrote and who they are (the shopper's "delete my data"). */
  reporterErasure: '/v1/reporter/erasure',
  messages: '/v1/reporter/messages',
  /** The reporter's public events: JSON after a cursor, or a Server-Sent Events stream with `Accept: text/event-stream`. */
  events: '/v1/reporter/events',
  streamTickets: '/v1/reporter/stream-tickets',
  site: '/v1/site',
} as const;

/**
 * Paths of the owner's side of the desk API (admins only, except where said). `:id` stands for the
 * thing's id; the functions fill it in.
 */
export const ADMIN_PATHS = {
  /** GET list, POST create (`SiteCreateInput` → `AdminSite`). */
  sites: '/v1/desk/admin/sites',
  /** GET one, PATCH (`SiteUpdateInput` → `AdminSite`). */
  site: (id: string) => `/v1/desk/admin/sites/${encodeURIComponent(id)}`,
  /** GET (`AuditQuery` → `AuditList`): every settings change, newest first. */
  audit: '/v1/desk/admin/audit',
  /** GET list (`AdminUserList`), POST invite (`UserInviteInput` → `UserInvited`). */
  users: '/v1/desk/admin/users',
  /** PATCH (`UserUpdateInput` → `AdminUser`). */
  user: (id: string) => `/v1/desk/admin/users/${encodeURIComponent(id)}`,
  /** POST (`PasswordResetInput` → `PasswordReset`). */
  userPassword: (id: string) => `/v1/desk/admin/users/${encodeURIComponent(id)}/password`,
  /** Any user: GET own tokens (admins: everyone's), POST create (`ApiTokenInput` → `ApiTokenCreated`). */
  tokens: '/v1/desk/tokens',
  /** Any user: DELETE revokes (own; admins: anyone's). */
  token: (id: string) => `/v1/desk/tokens/${encodeURIComponent(id)}`,
  /** Any user: PUT (`PasswordChangeInput`), 204. */
  ownPassword: '/v1/desk/session/password',
  /** Nobody signed in: POST (`PasswordSetupInput`), 204; then sign in. */
  passwordSetup: '/v1/desk/session/setup',
  /** Any user: GET, PATCH (`PreferencesInput` → `Preferences`). */
  preferences: '/v1/desk/session/preferences',
  /** GET (`WebhookListQuery` → `WebhookList`), POST (`WebhookInput` → `WebhookCreated`). */
  webhooks: '/v1/desk/webhooks',
  /** PATCH (`WebhookUpdateInput` → `Webhook`), DELETE (204: no more calls, pending ones cancelled). */
  webhook: (id: string) => `/v1/desk/webhooks/${encodeURIComponent(id)}`,
  /** POST → `WebhookTestResult`. */
  webhookTest: (id: string) => `/v1/desk/webhooks/${encodeURIComponent(id)}/test`,
  /** POST → `WebhookSecret`. */
  webhookSecret: (id: string) => `/v1/desk/webhooks/${encodeURIComponent(id)}/secret`,
  /** GET → `NotificationList`: the webhook's delivery log (same as `/v1/desk/notifications?webhookId=`). */
  webhookDeliveries: (id: string) => `/v1/desk/webhooks/${encodeURIComponent(id)}/deliveries`,
  /** POST → `Notification`: send again (back to pending, tried at once by the worker). */
  notificationRetry: (id: number) => `/v1/desk/notifications/${id}/retry`,
} as const;

/** Machine-readable error codes: one per way a request can fail. */
export const ERROR_CODES = [
  'invalid',
  'conflict',
  'payload_too_large',
  'uri_too_long',
  'headers_too_large',
  'timeout',
  'unknown_site',
  'origin_not_allowed',
  'unauthorized',
  'forbidden',
  'csrf',
  'not_found',
  'invalid_transition',
  'stale',
  'not_resolved',
  'already_rated',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * How a submission went, for the service-recovery comparison: not a complaint; a complaint
 * resolved within its resolution target; resolved after it; not resolved (yet, or closed without).
 */
export const RECOVERY_SEGMENTS = ['no_complaint', 'resolved_within_target', 'resolved_late', 'unresolved'] as const;
/** One of {@link RECOVERY_SEGMENTS}. */
export type RecoverySegment = (typeof RECOVERY_SEGMENTS)[number];

/** When the first public answer came, counted from receipt: the bands the analysis shares out. */
export const FIRST_RESPONSE_BANDS = ['within_hour', 'within_day', 'within_week', 'over_week', 'never'] as const;
/** One of {@link FIRST_RESPONSE_BANDS}. */
export type FirstResponseBand = (typeof FIRST_RESPONSE_BANDS)[number];

/** Fields a submission may have none of: an analysis row of "no department" drills down to those without. */
export const DRILL_WITHOUT = ['department', 'product'] as const;

/**
 * What a widely cited survey of web shops found when it wrote to them: 12 % answered within an
 * hour, 24 % sent an automatic answer within a day, 19 % took over a week, 40 % never answered.
 * Shown beside a site's own shares; a reference, not a target.
 */
export const FIRST_RESPONSE_SURVEY = { withinHour: 0.12, automaticWithinDay: 0.24, overWeek: 0.19, never: 0.4 } as const;

/**
 * The classic service-recovery finding to compare with: customers whose complaint was resolved
 * quickly buy again at about 95 %, resolved at all about 85 %; far fewer when it is not resolved.
 */
export const RECOVERY_REFERENCE: Readonly<Partial<Record<RecoverySegment, number>>> = { resolved_within_target: 0.95, resolved_late: 0.85 };

/**
 * How a follow-up call (the "happy call") after a resolved complaint ended: the shopper was
 * reached and is satisfied; reached and not satisfied (the submission reopens); or did not answer
 * (try again).
 */
export const FOLLOW_UP_OUTCOMES = ['reached_satisfied', 'reached_not_satisfied', 'no_answer'] as const;
/** One of {@link FOLLOW_UP_OUTCOMES}. */
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

/** Why a resolved complaint is on the follow-up list. */
export const FOLLOW_UP_REASONS = ['call_back', 'not_rated', 'low_rating'] as const;
/** One of {@link FOLLOW_UP_REASONS}. */
export type FollowUpReason = (typeof FOLLOW_UP_REASONS)[number];

/** Days after a resolution without a rating before the shopper is on the follow-up list, unless the site sets `followUpDays`. */
export const DEFAULT_FOLLOW_UP_DAYS = 3;

/** Ratings at or below this score put the shopper on the follow-up list. */
export const LOW_RATING_SCORE = 2;

/** Where an improvement stands: proposed → planned → done, or declined (with a reason). */
export const IMPROVEMENT_STATUSES = ['proposed', 'planned', 'done', 'declined'] as const;
/** One of {@link IMPROVEMENT_STATUSES}. */
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

/** Allowed improvement status changes; `done` and `declined` are final. */
export const IMPROVEMENT_TRANSITIONS: Readonly<Record<ImprovementStatus, readonly ImprovementStatus[]>> = {
  proposed: ['planned', 'done', 'declined'],
  planned: ['proposed', 'done', 'declined'],
  done: [],
  declined: ['proposed'],
};

/**
 * Events a webhook can subscribe to: a new submission, its routing, assignment and status
 * changes, a staff reply, a message from the shopper, a rating, and improvements
 * (started, changed — done, declined —, submissions linked). The test send (`POST /v1/desk/webhooks/:id/test`) is `webhook.test`.
 */
export const WEBHOOK_EVENTS = [
  'submission.created',
  'submission.routed',
  'submission.assigned',
  'submission.status',
  'submission.reply',
  'submission.message',
  'submission.rating',
  'improvement.created',
  'improvement.updated',
  'improvement.linked',
] as const;
/** One of {@link WEBHOOK_EVENTS}. */
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
