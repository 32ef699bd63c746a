import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, MessageBatch, MessageBatchResult, PATHS, Rating, RatingResult } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { rateSubmission, storeMessages } from '../../services/reporter-thread.js';

/** The shopper's side of an item's thread: their messages and their rating. */
export default async function reporterThreadRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    PATHS.messages,
    {
      schema: {
        summary: "Add the shopper's messages to their items' threads (batch, idempotent on clientId)",
        body: MessageBatch,
        response: { 200: MessageBatchResult, '4xx': ErrorBody },
      },
    },
    async (request) => {
      const site = await app.resolveSite(request);
      const reporterId = await app.resolveReporter(request, site);
      const results = await storeMessages(app.store.db, site, reporterId, request.body.items);
      if (results.some((r) => r.result === 'accepted')) app.hub.notify(reporterId);
      return { results };
    },
  );

  app.post(
    '/v1/submissions/:id/rating',
    {
      schema: {
        summary: 'Rate a resolved item: 1–5, would buy again, a comment; 2 or less reopens it',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
        body: Rating,
        response: { 200: RatingResult, '4xx': ErrorBody },
      },
    },
    async (request) => {
      const site = await app.resolveSite(request);
      const reporterId = await app.resolveReporter(request, site);
      const result = await rateSubmission(app.store.db, reporterId, request.params.id, request.body);
      app.hub.notify(reporterId);
      return result;
    },
  );
}
