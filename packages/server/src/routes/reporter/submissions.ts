import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, PATHS, ReporterSubmissionsQuery, ReporterSubmissionsResponse } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import { reporterSubmissions } from '../../services/reporter-submissions.js';

/** `GET /v1/reporter/submissions`: the reporter's own submissions with their public timelines. */
export default async function submissionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    PATHS.reporterSubmissions,
    {
      config: { shopper: 'reporter' },
      schema: {
        summary: "The reporter's submissions with public events after a cursor, with their public timelines",
        querystring: ReporterSubmissionsQuery,
        response: { 200: ReporterSubmissionsResponse, '4xx': ErrorBody },
      },
    },
    async (request) => reporterSubmissions(app.store.db, request.reporterId, request.query.after ?? 0),
  );
}
