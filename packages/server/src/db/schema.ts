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
  outbox: OutboxTable;
  sessions: SessionTable;
}

export interface SessionTable {
  /** SHA-256 of the session cookie's value. */
  token_hash: string;
  user_id: string;
  /** Sent back in `x-csrf-token` on every state-changing request made with the cookie. */
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface WebhookTable {
  id: string;
  site_id: string;
  /** Only items routed to this department; `null` for every item of the site. */
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

export interface OutboxTable {
  id: Generated<number>;
  /** `email` or `webhook`. */
  channel: string;
  /** An email address or a webhook id. */
  target: string;
  /** JSON: what to send. */
  payload: string;
  /** `pending`, `sent` or `failed` (gave up after the last attempt). */
  state: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

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

export interface ReporterTable {
  id: string;
  site_id: string;
  /** SHA-256 of the reporter secret; the secret itself is never stored. */
  secret_hash: string;
  created_at: string;
}

export interface SubmissionTable {
  id: string;
  site_id: string;
  reporter_id: string;
  client_id: string;
  /** SHA-256 of the item as first sent: a resend with another body is a conflict. */
  body_hash: string;
  tracking_number: string;
  kind: string;
  message: string;
  contact: string | null;
  contact_preference: string;
  product: string | null;
  order_ref: string | null;
  page_url: string | null;
  locale: string | null;
  context: string | null;
  spam_reason: string | null;
  status: string;
  awaiting: string;
  department: string | null;
  assignee_id: string | null;
  created_at: string;
  received_at: string;
  updated_at: string;
  expected_response_by: string;
  first_response_at: string | null;
  resolved_at: string | null;
  closed_reason: string | null;
  rating: string | null;
}

export interface EventTable {
  /** Grows monotonically: the cursor of the update stream. */
  id: Generated<number>;
  submission_id: string;
  reporter_id: string;
  site_id: string;
  type: string;
  at: string;
  author: string;
  actor_id: string | null;
  actor_name: string | null;
  /** 1 when the shopper sees the event. */
  public: number;
  /** The submission's status and who is awaited, after the event. */
  status: string;
  awaiting: string;
  message: string | null;
  message_client_id: string | null;
  data: string | null;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  role: string;
  department: string | null;
  /** scrypt, as `scrypt$N$r$p$salt$hash`. */
  password_hash: string;
  created_at: string;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  /** SHA-256 of the token; the token is shown once at creation. */
  token_hash: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

export interface StreamTicketTable {
  ticket_hash: string;
  reporter_id: string;
  expires_at: string;
}
