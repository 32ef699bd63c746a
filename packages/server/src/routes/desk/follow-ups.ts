import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DeskChange, ErrorBody, FollowUpInput, FollowUpList, FollowUpQuery, IdParams } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import { listFollowUps, recordFollowUp } from '../../services/follow-up.js';

/** The happy call: the follow-up list after resolved complaints, and each call's outcome. */
export default async function followUpRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/v1/desk/follow-ups',
    {
      schema: {
        summary: 'Resolved complaints to call back: asked for a call, not rated in time, or rated 2 or less',
        querystring: FollowUpQuery,
        response: { 200: FollowUpList, '4xx': ErrorBody },
      },
    },
    async (request) => listFollowUps(app.store.db, request.query, request.user),
  );

  app.post(
    '/v1/desk/submissions/:id/follow-ups',
    {
      schema: {
        summary: 'Record how a follow-up call went (reached and not satisfied reopens the submission)',
        params: IdParams,
        body: FollowUpInput,
        response: { 201: DeskChange, '4xx': ErrorBody },
      },
    },
    async (request, reply) => {
      const change = await app.transaction((unit) => recordFollowUp(unit, request.params.id, request.body, request.user));
      return reply.code(201).send(change);
    },
  );
}
