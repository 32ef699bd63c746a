import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, WebhookCreated, WebhookInput, WebhookList } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import { createWebhook, listWebhooks } from '../../services/webhooks.js';

/** Webhooks per site and department (admins only). */
export default async function webhookRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/v1/desk/webhooks',
    {
      config: { role: 'admin' },
      schema: { summary: 'Add a webhook; its signing secret is shown once', body: WebhookInput, response: { 201: WebhookCreated, '4xx': ErrorBody } },
    },
    async (request, reply) => reply.code(201).send(await createWebhook(app.store.db, request.body, app.webhookTargets)),
  );

  app.get(
    '/v1/desk/webhooks',
    { config: { role: 'admin' }, schema: { summary: 'List webhooks', response: { 200: WebhookList, '4xx': ErrorBody } } },
    async () => ({ webhooks: await listWebhooks(app.store.db) }),
  );
}
