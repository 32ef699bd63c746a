import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, PATHS, SubmissionBatch, SubmissionBatchResult } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import { storeSubmissions } from '../../services/submissions.js';

/** `POST /v1/submissions`: a reporter's batch, stored durably before it is acknowledged. */
export default async function submissionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    PATHS.submissions,
    {
      config: { shopper: 'reporter' },
      schema: {
        summary: 'Send a batch of 1–50 submissions from one reporter',
        body: SubmissionBatch,
        response: { 200: SubmissionBatchResult, '4xx': ErrorBody },
      },
    },
    async (request) => {
      const { site, reporterId } = request;
      const results = await app.transaction((unit) => storeSubmissions(unit, site, reporterId, request.body.submissions), { group: true });
      return { results };
    },
  );
}
