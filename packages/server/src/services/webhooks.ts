import { WEBHOOK_EVENTS, type Webhook, type WebhookCreated, type WebhookInput } from '@sori/protocol';
import type { Kysely, Selectable } from 'kysely';
import type { Database, WebhookTable } from '../db/schema.js';
import { errors } from '../errors.js';
import { newId, randomToken } from './secrets.js';
import type { WebhookTargets } from './webhook-targets.js';

function toWebhook(row: Selectable<WebhookTable>): Webhook {
  return {
    id: row.id,
    siteId: row.site_id,
    url: row.url,
    ...(row.department ? { department: row.department } : {}),
    events: JSON.parse(row.events) as string[],
    createdAt: row.created_at,
  };
}

/**
 * Adds a webhook to a site, with a new HMAC-SHA256 signing secret answered once. A URL whose host
 * is an internal address (`http://127.0.0.1/…`, `http://169.254.169.254/…`) is refused now rather
 * than at every delivery, unless `targets` allows it.
 */
export async function createWebhook(db: Kysely<Database>, input: WebhookInput, targets: WebhookTargets): Promise<WebhookCreated> {
  const refused = targets.refusalOf(input.url);
  if (refused) throw errors.invalid(refused, 'url');
  const site = await db.selectFrom('sites').select('id').where('id', '=', input.siteId).executeTakeFirst();
  if (!site) throw errors.invalid(`No site has id ${input.siteId}`, 'siteId');
  const secret = randomToken('whsec_');
  const row = {
    id: newId(),
    site_id: site.id,
    department: input.department ?? null,
    url: input.url,
    secret,
    events: JSON.stringify(input.events ?? WEBHOOK_EVENTS),
    created_at: new Date().toISOString(),
  };
  await db.insertInto('webhooks').values(row).execute();
  return { webhook: toWebhook(row), secret };
}

/** Every webhook, oldest first. */
export async function listWebhooks(db: Kysely<Database>): Promise<Webhook[]> {
  return (await db.selectFrom('webhooks').selectAll().orderBy('created_at').execute()).map(toWebhook);
}
