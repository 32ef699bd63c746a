import type { Contact, WEBHOOK_EVENTS } from '@sori/protocol';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { replyEmail, resolvedEmail, type EmailText } from './email-text.js';
import type { SubmissionRow } from './submissions.js';

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

type Trx = Transaction<Database>;

async function enqueue(trx: Trx, channel: 'email' | 'webhook', target: string, payload: object): Promise<void> {
  const now = new Date().toISOString();
  await trx
    .insertInto('outbox')
    .values({
      channel,
      target,
      payload: JSON.stringify(payload),
      state: 'pending',
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
      created_at: now,
      sent_at: null,
    })
    .execute();
}

/** The shopper's email, when they left one and agreed to be written to. */
function consentedEmail(row: SubmissionRow): string | undefined {
  if (!row.contact) return undefined;
  const contact = JSON.parse(row.contact) as Contact;
  return contact.email && contact.consent ? contact.email : undefined;
}

async function emailShopper(trx: Trx, row: SubmissionRow, make: (site: string) => EmailText): Promise<void> {
  const to = consentedEmail(row);
  if (!to) return;
  const site = await trx.selectFrom('sites').select('name').where('id', '=', row.site_id).executeTakeFirstOrThrow();
  await enqueue(trx, 'email', to, make(site.name));
}

/** Queues the email for a public reply, in the reply's transaction. */
export function notifyReply(trx: Trx, row: SubmissionRow, message: string): Promise<void> {
  return emailShopper(trx, row, (site) => replyEmail({ site, trackingNumber: row.tracking_number, message, locale: row.locale }));
}

/** Queues the email for a resolution, in the status change's transaction. */
export function notifyResolved(trx: Trx, row: SubmissionRow): Promise<void> {
  return emailShopper(trx, row, (site) => resolvedEmail({ site, trackingNumber: row.tracking_number, locale: row.locale }));
}

type Hook = { id: string; department: string | null; events: string };
/** Hooks per site, read once per transaction: a group commit stores many items of one site. */
const hooksByTransaction = new WeakMap<Trx, Map<string, Promise<Hook[]>>>();

function hooksOf(trx: Trx, siteId: string): Promise<Hook[]> {
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
 * Queues a webhook call for every hook of the site that wants `event` for `department`
 * (site-wide hooks, with no department, get every event).
 */
export async function notifyWebhooks(
  trx: Trx,
  siteId: string,
  department: string | null,
  event: WebhookEvent,
  data: object,
): Promise<void> {
  for (const hook of await hooksOf(trx, siteId)) {
    const wanted = (JSON.parse(hook.events) as string[]).includes(event);
    if (!wanted || (hook.department !== null && hook.department !== department)) continue;
    await enqueue(trx, 'webhook', hook.id, { event, at: new Date().toISOString(), data });
  }
}
