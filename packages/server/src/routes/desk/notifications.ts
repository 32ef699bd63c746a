import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, NotificationList, NotificationsQuery } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import { listNotifications } from '../../services/notifications.js';

/** The emails and webhook calls Sori sent or is trying to send, with each delivery (attempt). */
export default async function notificationRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/v1/desk/notifications',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Emails and webhook calls, newest first: state, attempts, last error and every delivery',
        querystring: NotificationsQuery,
        response: { 200: NotificationList, '4xx': ErrorBody },
      },
    },
    async (request) => ({ notifications: await listNotifications(app.store.db, request.query) }),
  );
}
