import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, PATHS, StreamTicket } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import { issueStreamTicket } from '../../services/stream-tickets.js';

/** `POST /v1/reporter/stream-tickets`: trades the reporter secret (a header) for a ticket an `EventSource` URL may carry. */
export default async function streamTicketRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    PATHS.streamTickets,
    {
      config: { shopper: 'reporter' },
      schema: { summary: "A short-lived ticket for the reporter's event stream", response: { 200: StreamTicket, '4xx': ErrorBody } },
    },
    async (request) => issueStreamTicket(app.store.db, request.reporterId),
  );
}
