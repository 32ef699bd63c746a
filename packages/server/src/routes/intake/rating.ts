import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, Rating, RatingResult } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { rateSubmission } from '../../services/reporter-thread.js';

/** `POST /v1/submissions/:id/rating`: the shopper's follow-up on a resolved submission. */
export default async function ratingRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/v1/submissions/:id/rating',
    {
      config: { shopper: 'reporter' },
      schema: {
        summary: 'Rate a resolved submission: 1–5, would buy again, a comment; 2 or less reopens it',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
        body: Rating,
        response: { 200: RatingResult, '4xx': ErrorBody },
      },
    },
    async (request) => app.transaction((unit) => rateSubmission(unit, request.reporterId, request.params.id, request.body)),
  );
}
