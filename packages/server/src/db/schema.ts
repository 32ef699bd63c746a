import type {
  Author,
  Awaiting,
  ContactPreference,
  AttemptOutcome,
  EventType,
  FollowUpOutcome,
  ImprovementStatus,
  Kind,
  NotificationChannel,
  NotificationState,
  Role,
  Status,
  AuditSubject,
} from '@sori/protocol';
import type { Generated } from 'kysely';

/**
 * The tables, as Kysely sees them. Timestamps are ISO 8601 strings in UTC and flags are 0/1
 * integers, so that one query text serves SQLite and PostgreSQL alike.
 */
export interface Database {
  sites: SiteTable;
  reporters: ReporterTable;
  submissions: SubmissionTable;
  events: EventTable;
  users: UserTable;
  api_tokens: ApiTokenTable;
  stream_tickets: StreamTicketTable;
  webhooks: WebhookTable;
  notifications: NotificationTable;
  deliveries: DeliveriesTable;
  sessions: SessionTable;
  canned_replies: CannedReplyTable;
  improvements: ImprovementTable;
  improvement_submissions: ImprovementSubmissionTable;
  user_sites: UserSiteTable;
  round_robin: RoundRobinTable;
  audit_log: AuditLogTable;
}

/** Improvements: changes a department should make because of VOC (step 10). */
export interface ImprovementTable {
  id: string;
  site_id: string;
  title: string;
  department: string;
  status: ImprovementStatus;
  /** Why it was declined. */
  reason: string | null;
  owner_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  done_at: string | null;
}

/** The submissions behind an improvement: one or many. */
export interface ImprovementSubmissionTable {
  improvement_id: string;
  submission_id: string;
  linked_by: string;
  linked_at: string;
}

/** Which sites each user belongs to: an agent sees and changes only these sites' submissions. */
export interface UserSiteTable {
  user_id: string;
  site_id: string;
}

/** Where round-robin assignment stands: the user a site's department last got a submission for. */
export interface RoundRobinTable {
  site_id: string;
  department: string;
  last_user_id: string;
}

/** Every settings change: who, when, on what, and what changed (JSON `{ field: { from, to } }`). */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  /** `null` for a change made with the CLI. */
  actor_id: string | null;
  actor_name: string;
  subject: AuditSubject;
  subject_id: string;
  site_id: string | null;
  action: string;
  changes: string;
}

/** Console sessions: one per sign-in, until it expires or the user signs out. */
export interface SessionTable {
  /** SHA-256 of the session cookie's value. */
  token_hash: string;
  user_id: string;
  /** Sent back in `x-csrf-token` on every state-changing request made with the cookie. */
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/** Webhooks: where a site wants to hear of new, routed and improvement events. */
export interface WebhookTable {
  id: string;
  site_id: string;
  /** Only submissions routed to this department; `null` for every submission of the site. */
  department: string | null;
  url: string;
  /**
   * The HMAC-SHA256 signing key. Kept as is, unlike every other secret: signing needs the key
   * itself, and it grants nothing but the power to sign what this server sends.
   */
  secret: string;
  /** JSON array of event names, e.g. `["submission.created"]`. */
  events: string;
  created_at: string;
}

/**
 * Emails and webhook calls about events. Each is written in the transaction of the change that
 * causes it, and a worker sends it after commit, retrying with backoff.
 */
export interface NotificationTable {
  id: Generated<number>;
  channel: NotificationChannel;
  /** An email address or a webhook id. */
  target: string;
  /** JSON: what to send. */
  payload: string;
  /** The submission it is about (set since migration 0004; found in the payload for older rows). */
  submission_id: string | null;
  state: NotificationState;
  /** Deliveries (attempts) so far. */
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/**
 * One delivery: one attempt to send a notification, and how it ended. Notifications sent before
 * migration 0002 have none; their count and last error stay on the notification.
 */
export interface DeliveriesTable {
  notification_id: number;
  /** 1 for the first attempt. */
  attempt: number;
  at: string;
  outcome: AttemptOutcome;
  error: string | null;
}

/** Sites: one per store, with its public key, allowed origins and settings. */
export interface SiteTable {
  id: string;
  name: string;
  key: string;
  /** JSON array of allowed origins, e.g. `["https://shop.example"]`. */
  origins: string;
  /** JSON object: kinds, products, departments, SLA minutes per kind, locale, theme. */
  settings: string;
  created_at: string;
}

/** Reporters: anonymous browser identities, per site. */
export interface ReporterTable {
  id: string;
  site_id: string;
  /** SHA-256 of the reporter secret; the secret itself is never stored. */
  secret_hash: string;
  created_at: string;
}

/** Submissions: what shoppers sent, with where each stands now. */
export interface SubmissionTable {
  id: string;
  site_id: string;
  reporter_id: string;
  client_id: string;
  /** SHA-256 of the submission as first sent: a resend with another body is a conflict. */
  body_hash: string;
  tracking_number: string;
  kind: Kind;
  message: string;
  contact: string | null;
  contact_preference: ContactPreference;
  product: string | null;
  order_ref: string | null;
  page_url: string | null;
  locale: string | null;
  context: string | null;
  spam_reason: string | null;
  status: Status;
  awaiting: Awaiting;
  department: string | null;
  assignee_id: string | null;
  created_at: string;
  received_at: string;
  updated_at: string;
  expected_response_by: string;
  /** When resolution is due (the resolution target in business hours); `null` before migration 0005. */
  resolution_due_by: string | null;
  /** When staff were alerted that the submission is about to breach a target (sent once). */
  breach_alerted_at: string | null;
  first_response_at: string | null;
  resolved_at: string | null;
  closed_reason: string | null;
  rating: string | null;
  /** When the current rating came: a resolution is rated once (since migration 0006). */
  rated_at: string | null;
  /** 1: the last resolution came within the kind's resolution target; 0: after it; null: unresolved. */
  resolution_met: number | null;
  /** How the last follow-up call (the happy call) went, and when. */
  follow_up_outcome: FollowUpOutcome | null;
  follow_up_at: string | null;
}

/** Timeline events: every change, reply, note, message and rating of a submission (append-only). */
export interface EventTable {
  /** Grows monotonically: the cursor of the reporter's events. */
  id: Generated<number>;
  submission_id: string;
  reporter_id: string;
  site_id: string;
  type: EventType;
  at: string;
  author: Author;
  actor_id: string | null;
  actor_name: string | null;
  /** 1 when the shopper sees the event. */
  public: number;
  /** The submission's status and who is awaited, after the event. */
  status: Status;
  awaiting: Awaiting;
  /** A reply, note, message, rating comment, improvement or erasure reason. */
  text: string | null;
  message_client_id: string | null;
  data: string | null;
}

/** Users: staff, with a role. */
export interface UserTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  department: string | null;
  /** scrypt, as `scrypt$N$r$p$salt$hash`; empty while an invited user has not set one. */
  password_hash: string;
  created_at: string;
  /** Set while the user is disabled: their sessions and tokens do not work. */
  disabled_at: string | null;
  /** 1: emails on new complaints and submissions about to breach. */
  alerts: Generated<number>;
  /** SHA-256 of the one-time token an invited user sets their password with. */
  setup_token_hash: string | null;
  setup_expires_at: string | null;
}

/** API tokens of users, for integrations. */
export interface ApiTokenTable {
  id: string;
  user_id: string;
  /** SHA-256 of the token; the token is shown once at creation. */
  token_hash: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  /** When it stops working; `null`: never. */
  expires_at: string | null;
}

/** Short-lived tickets that open a reporter's event stream; only their hashes are kept. */
export interface StreamTicketTable {
  ticket_hash: string;
  reporter_id: string;
  expires_at: string;
}

/** Replies staff insert and adapt, per kind and language (or for any). */
export interface CannedReplyTable {
  id: string;
  title: string;
  /** May hold the placeholders the console fills in (`{{name}}`, `{{trackingNumber}}`, `{{expectedResponse}}`). */
  text: string;
  kind: Kind | null;
  locale: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}
