import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, WEBHOOK_EVENTS, Webhook, WebhookCreated, WebhookInput } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import type { Selectable } from 'kysely';
import Type from 'typebox';
import type { WebhookTable } from '../../db/schema.js';
import { errors } from '../../errors.js';
import { requireRole } from '../../plugins/staff-auth.js';
import { newId, randomToken } from '../../services/secrets.js';

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

const Delivery = Type.Object({
  id: Type.Integer(),
  channel: Type.String(),
  target: Type.String(),
  state: Type.String(),
  attempts: Type.Integer(),
  lastError: Type.Optional(Type.String()),
  createdAt: Type.String(),
  sentAt: Type.Optional(Type.String()),
  nextAttemptAt: Type.String(),
});

/** Webhooks per site and department (admins only), and the notification delivery log. */
export default async function webhookRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('preHandler', requireRole('admin'));

  app.post(
    '/v1/desk/webhooks',
    { schema: { summary: 'Add a webhook; its signing secret is shown once', body: WebhookInput, response: { 201: WebhookCreated, '4xx': ErrorBody } } },
    async (request, reply) => {
      const site = await app.store.db.selectFrom('sites').select('id').where('id', '=', request.body.siteId).executeTakeFirst();
      if (!site) throw errors.invalid(`No site has id ${request.body.siteId}`, 'siteId');
      const secret = randomToken('whsec_');
      const row = {
        id: newId(),
        site_id: site.id,
        department: request.body.department ?? null,
        url: request.body.url,
        secret,
        events: JSON.stringify(request.body.events ?? WEBHOOK_EVENTS),
        created_at: new Date().toISOString(),
      };
      await app.store.db.insertInto('webhooks').values(row).execute();
      return reply.code(201).send({ webhook: toWebhook(row), secret });
    },
  );

  app.get(
    '/v1/desk/webhooks',
    { schema: { summary: 'List webhooks', response: { 200: Type.Object({ webhooks: Type.Array(Webhook) }), '4xx': ErrorBody } } },
    async () => ({ webhooks: (await app.store.db.selectFrom('webhooks').selectAll().orderBy('created_at').execute()).map(toWebhook) }),
  );

  app.get(
    '/v1/desk/deliveries',
    {
      schema: {
        summary: 'The delivery log of emails and webhook calls, newest first',
        querystring: Type.Object({ state: Type.Optional(Type.Enum(['pending', 'sent', 'failed'])), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }),
        response: { 200: Type.Object({ deliveries: Type.Array(Delivery) }), '4xx': ErrorBody },
      },
    },
    async (request) => {
      let q = app.store.db.selectFrom('outbox').selectAll();
      if (request.query.state) q = q.where('state', '=', request.query.state);
      const rows = await q.orderBy('id', 'desc').limit(request.query.limit ?? 100).execute();
      return {
        deliveries: rows.map((r) => ({
          id: Number(r.id),
          channel: r.channel,
          target: r.target,
          state: r.state,
          attempts: r.attempts,
          ...(r.last_error ? { lastError: r.last_error } : {}),
          createdAt: r.created_at,
          ...(r.sent_at ? { sentAt: r.sent_at } : {}),
          nextAttemptAt: r.next_attempt_at,
        })),
      };
    },
  );
}
