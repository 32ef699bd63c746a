import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ADMIN_PATHS,
  ErrorBody,
  IdParams,
  Notification,
  NotificationList,
  Webhook,
  WebhookCreated,
  WebhookInput,
  WebhookList,
  WebhookListQuery,
  WebhookSecret,
  WebhookTestResult,
  WebhookUpdateInput,
} from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { recordChange } from '../../services/audit.js';
import { listNotifications, retryNotification } from '../../services/notifications.js';
import { createWebhook, deleteWebhook, listWebhooks, rotateWebhookSecret, testWebhook, updateWebhook } from '../../services/webhooks.js';

const admin = { role: 'admin' } as const;

/** Webhooks per site and department (admins only): manage, test, rotate the secret, read and retry deliveries. */
export default async function webhookRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    ADMIN_PATHS.webhooks,
    {
      config: admin,
      schema: { summary: 'Add a webhook; its signing secret is shown once', body: WebhookInput, response: { 201: WebhookCreated, '4xx': ErrorBody } },
    },
    async (request, reply) => {
      const created = await createWebhook(app.store.db, request.body, app.webhookTargets);
      const { webhook } = created;
      await recordChange(app.store.db, request.user, {
        subject: 'webhook',
        subjectId: webhook.id,
        siteId: webhook.siteId,
        action: 'created',
        changes: { url: { from: null, to: webhook.url }, department: { from: null, to: webhook.department ?? null }, events: { from: null, to: webhook.events } },
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    ADMIN_PATHS.webhooks,
    { config: admin, schema: { summary: 'List webhooks (of one site)', querystring: WebhookListQuery, response: { 200: WebhookList, '4xx': ErrorBody } } },
    async (request) => ({ webhooks: await listWebhooks(app.store.db, request.query.siteId) }),
  );

  app.patch(
    '/v1/desk/webhooks/:id',
    { config: admin, schema: { summary: "Change a webhook's URL, department or events", params: IdParams, body: WebhookUpdateInput, response: { 200: Webhook, '4xx': ErrorBody } } },
    async (request) => updateWebhook(app.store.db, request.params.id, request.body, app.webhookTargets, request.user),
  );

  app.delete(
    '/v1/desk/webhooks/:id',
    { config: admin, schema: { summary: 'Delete a webhook: no more calls, and those still waiting are cancelled', params: IdParams, response: { 204: Type.Null(), '4xx': ErrorBody } } },
    async (request, reply) => {
      await deleteWebhook(app.store.db, request.params.id, request.user);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/desk/webhooks/:id/test',
    { config: admin, schema: { summary: 'Call the webhook now with a signed webhook.test event', params: IdParams, response: { 200: WebhookTestResult, '4xx': ErrorBody } } },
    async (request) => testWebhook(app.store.db, request.params.id, app.webhookTargets),
  );

  app.post(
    '/v1/desk/webhooks/:id/secret',
    { config: admin, schema: { summary: 'Rotate the signing secret: the new one is shown once, the old one stops at once', params: IdParams, response: { 200: WebhookSecret, '4xx': ErrorBody } } },
    async (request) => rotateWebhookSecret(app.store.db, request.params.id, request.user),
  );

  app.get(
    '/v1/desk/webhooks/:id/deliveries',
    { config: admin, schema: { summary: "The webhook's calls, newest first, with every delivery", params: IdParams, response: { 200: NotificationList, '4xx': ErrorBody } } },
    async (request) => ({ notifications: await listNotifications(app.store.db, { webhookId: request.params.id }) }),
  );

  app.post(
    '/v1/desk/notifications/:id/retry',
    {
      config: admin,
      schema: {
        summary: 'Send a notification again (back to pending, tried at once)',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }),
        response: { 200: Notification, '4xx': ErrorBody },
      },
    },
    async (request) => {
      const notification = await retryNotification(app.store.db, request.params.id);
      app.notifier.wake();
      return notification;
    },
  );
}
