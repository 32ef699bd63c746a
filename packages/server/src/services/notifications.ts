import type { Contact, Notification, NotificationsQuery, WEBHOOK_EVENTS } from '@sori/protocol';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { errors } from '../errors.js';
import { improvementEmail, replyEmail, resolvedEmail, type EmailText } from './email-text.js';
import type { SubmissionRow } from './submissions.js';
import type { UnitOfWork } from './unit-of-work.js';

/** One of `WEBHOOK_EVENTS`. */
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The shopper's email, when they left one and agreed to be written to. */
function consentedEmail(row: SubmissionRow): string | undefined {
  if (!row.contact) return undefined;
  const contact = JSON.parse(row.contact) as Contact;
  return contact.email && contact.consent ? contact.email : undefined;
}

async function emailShopper(unit: UnitOfWork, row: SubmissionRow, make: (site: string) => EmailText): Promise<void> {
  const to = consentedEmail(row);
  if (!to) return;
  const site = await unit.db.selectFrom('sites').select('name').where('id', '=', row.site_id).executeTakeFirstOrThrow();
  await unit.queueNotification({ channel: 'email', target: to, payload: make(site.name), submissionId: row.id });
}

/** Queues the email for a public reply, in the reply's unit of work. */
export function queueReplyEmail(unit: UnitOfWork, row: SubmissionRow, text: string): Promise<void> {
  return emailShopper(unit, row, (site) => replyEmail({ site, trackingNumber: row.tracking_number, text, locale: row.locale }));
}

/** Queues the email for a resolution, in the status change's unit of work. */
export function queueResolvedEmail(unit: UnitOfWork, row: SubmissionRow): Promise<void> {
  return emailShopper(unit, row, (site) => resolvedEmail({ site, trackingNumber: row.tracking_number, locale: row.locale }));
}

/** Queues the email telling the shopper an improvement their submission led to is done. */
export function queueImprovementEmail(unit: UnitOfWork, row: SubmissionRow, title: string): Promise<void> {
  return emailShopper(unit, row, (site) => improvementEmail({ site, trackingNumber: row.tracking_number, title, locale: row.locale }));
}

type Hook = { id: string; department: string | null; events: string };
/** Hooks per site, read once per transaction: a group commit stores many submissions of one site. */
const hooksByTransaction = new WeakMap<Transaction<Database>, Map<string, Promise<Hook[]>>>();

function hooksOf(trx: Transaction<Database>, siteId: string): Promise<Hook[]> {
  let bySite = hooksByTransaction.get(trx);
  if (!bySite) hooksByTransaction.set(trx, (bySite = new Map()));
  let hooks = bySite.get(siteId);
  if (!hooks) {
    hooks = trx.selectFrom('webhooks').select(['id', 'department', 'events']).where('site_id', '=', siteId).execute();
    bySite.set(siteId, hooks);
  }
  return hooks;
}

/**
 * Queues a webhook call about a submission for every hook of its site that wants `event` for
 * `department` (site-wide hooks, with no department, get every event).
 */
export async function queueWebhookCalls(
  unit: UnitOfWork,
  row: Pick<SubmissionRow, 'id' | 'site_id'>,
  department: string | null,
  event: WebhookEvent,
  data: object,
): Promise<void> {
  for (const hook of await hooksOf(unit.db, row.site_id)) {
    const wanted = (JSON.parse(hook.events) as string[]).includes(event);
    if (!wanted || (hook.department !== null && hook.department !== department)) continue;
    await unit.queueNotification({ channel: 'webhook', target: hook.id, payload: { event, at: new Date().toISOString(), data }, submissionId: row.id });
  }
}

/**
 * Sends a notification again (the delivery log's "send again"): back to pending, due now, with
 * the attempts it had kept in its deliveries. A cancelled one (its submission erased) stays cancelled.
 */
export async function retryNotification(db: Kysely<Database>, id: number): Promise<Notification> {
  const row = await db.selectFrom('notifications').select(['id', 'state']).where('id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound(`Notification ${id}`);
  if (row.state === 'cancelled') throw errors.invalid('A cancelled notification is about an erased submission and is never sent', 'id');
  await db.updateTable('notifications').set({ state: 'pending', next_attempt_at: new Date().toISOString() }).where('id', '=', id).execute();
  const [found] = await listNotifications(db, { limit: 1 }, id);
  if (!found) throw errors.notFound(`Notification ${id}`);
  return found;
}

/** Notifications newest first, each with its deliveries (attempts) oldest first. */
export async function listNotifications(db: Kysely<Database>, query: NotificationsQuery, id?: number): Promise<Notification[]> {
  let q = db.selectFrom('notifications').selectAll();
  if (id !== undefined) q = q.where('id', '=', id);
  if (query.state) q = q.where('state', '=', query.state);
  if (query.webhookId) q = q.where('channel', '=', 'webhook').where('target', '=', query.webhookId);
  const rows = await q.orderBy('id', 'desc').limit(query.limit ?? 100).execute();
  const deliveries =
    rows.length === 0
      ? []
      : await db
          .selectFrom('deliveries')
          .selectAll()
          .where('notification_id', 'in', rows.map((r) => r.id))
          .orderBy('notification_id')
          .orderBy('attempt')
          .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    channel: r.channel,
    target: r.target,
    state: r.state,
    attempts: r.attempts,
    ...(r.last_error ? { lastError: r.last_error } : {}),
    createdAt: r.created_at,
    ...(r.sent_at ? { sentAt: r.sent_at } : {}),
    nextAttemptAt: r.next_attempt_at,
    deliveries: deliveries
      // PostgreSQL answers bigint ids as strings: compare them as numbers.
      .filter((d) => Number(d.notification_id) === Number(r.id))
      .map((d) => ({ attempt: d.attempt, at: d.at, outcome: d.outcome, ...(d.error ? { error: d.error } : {}) })),
  }));
}
