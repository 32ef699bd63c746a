import { DEFAULT_DEPARTMENTS, WEBHOOK_EVENTS, type Webhook, type WebhookCreated, type WebhookInput, type WebhookTestResult, type WebhookUpdateInput } from '@sori/protocol';
import type { Kysely, Selectable } from 'kysely';
import type { Database, WebhookTable } from '../db/schema.js';
import { errors } from '../errors.js';
import { newId, randomToken } from './secrets.js';
import type { WebhookTargets } from './webhook-targets.js';
import { diff, recordChange, type Actor } from './audit.js';
import { signWebhook } from './notifier.js';
import { siteById } from './sites.js';

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

/** Every webhook (of one site, if given), oldest first. */
export async function listWebhooks(db: Kysely<Database>, siteId?: string): Promise<Webhook[]> {
  let q = db.selectFrom('webhooks').selectAll();
  if (siteId !== undefined) q = q.where('site_id', '=', siteId);
  return (await q.orderBy('created_at').orderBy('id').execute()).map(toWebhook);
}

async function findHook(db: Kysely<Database>, id: string): Promise<Selectable<WebhookTable>> {
  const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound(`Webhook ${id}`);
  return row;
}

/** Changes a webhook's URL, department or events, audited. */
export async function updateWebhook(db: Kysely<Database>, id: string, patch: WebhookUpdateInput, targets: WebhookTargets, actor: Actor): Promise<Webhook> {
  const before = await findHook(db, id);
  if (patch.url !== undefined) {
    const refused = targets.refusalOf(patch.url);
    if (refused) throw errors.invalid(refused, 'url');
  }
  if (patch.department) {
    const site = await siteById(db, before.site_id);
    const known: readonly string[] = site.settings.departments ?? DEFAULT_DEPARTMENTS;
    if (!known.includes(patch.department)) throw errors.invalid(`"department" must be one of: ${known.join(', ')}`, 'department');
  }
  await db
    .updateTable('webhooks')
    .set({
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.department !== undefined ? { department: patch.department } : {}),
      ...(patch.events !== undefined ? { events: JSON.stringify(patch.events) } : {}),
    })
    .where('id', '=', id)
    .execute();
  const after = toWebhook(await findHook(db, id));
  await recordChange(db, actor, { subject: 'webhook', subjectId: id, siteId: before.site_id, action: 'updated', changes: diff(toWebhook(before), after) });
  return after;
}

/** Deletes a webhook: no call is made to it again, and the calls still waiting are cancelled. */
export async function deleteWebhook(db: Kysely<Database>, id: string, actor: Actor): Promise<void> {
  const before = await findHook(db, id);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('notifications').set({ state: 'cancelled' }).where('channel', '=', 'webhook').where('target', '=', id).where('state', '=', 'pending').execute();
    await trx.deleteFrom('webhooks').where('id', '=', id).execute();
  });
  await recordChange(db, actor, { subject: 'webhook', subjectId: id, siteId: before.site_id, action: 'deleted', changes: diff(toWebhook(before), {}) });
}

/** A new signing secret, answered once; the old one stops signing at once. */
export async function rotateWebhookSecret(db: Kysely<Database>, id: string, actor: Actor): Promise<{ secret: string }> {
  const before = await findHook(db, id);
  const secret = randomToken('whsec_');
  await db.updateTable('webhooks').set({ secret }).where('id', '=', id).execute();
  await recordChange(db, actor, { subject: 'webhook', subjectId: id, siteId: before.site_id, action: 'secret_rotated' });
  return { secret };
}

/** Calls the webhook now with a signed `webhook.test` event, and says how the receiver answered. */
export async function testWebhook(db: Kysely<Database>, id: string, targets: WebhookTargets): Promise<WebhookTestResult> {
  const hook = await findHook(db, id);
  const body = JSON.stringify({ id: `test-${newId()}`, event: 'webhook.test', at: new Date().toISOString(), data: { webhookId: hook.id, siteId: hook.site_id } });
  try {
    const status = await targets.post(hook.url, {
      headers: { 'content-type': 'application/json', 'user-agent': 'Sori-Webhook/1', 'x-sori-signature': signWebhook(hook.secret, body) },
      body,
      timeoutMs: 10_000,
    });
    return status >= 200 && status < 300 ? { outcome: 'sent', status } : { outcome: 'failed', status, error: `webhook answered ${status}` };
  } catch (failure) {
    return { outcome: 'failed', error: (failure instanceof Error ? failure.message : String(failure)).slice(0, 500) };
  }
}
