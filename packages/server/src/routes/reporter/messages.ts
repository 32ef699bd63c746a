import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, MessageBatch, MessageBatchResult, PATHS } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import { storeMessages } from '../../services/reporter-thread.js';

/** `POST /v1/reporter/messages`: the shopper's messages in their submissions' threads. */
export default async function messageRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    PATHS.messages,
    {
      config: { shopper: 'reporter' },
      schema: {
        summary: "Add the shopper's messages to their submissions' threads (batch, idempotent on clientId)",
        body: MessageBatch,
        response: { 200: MessageBatchResult, '4xx': ErrorBody },
      },
    },
    async (request) => {
      const { site, reporterId } = request;
      return { results: await app.transaction((unit) => storeMessages(unit, site, reporterId, request.body.messages)) };
    },
  );
}
