import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Analytics, AnalyticsQuery, ErrorBody } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { analyse, submissionsInRange, toCsv } from '../../services/analytics.js';

/** The VOC analysis and the CSV export. */
export default async function analyticsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/v1/desk/analytics',
    { schema: { summary: 'Volumes, response and resolution times, SLA, CSAT and repurchase intent', querystring: AnalyticsQuery, response: { 200: Analytics, '4xx': ErrorBody } } },
    async (request) => analyse(await submissionsInRange(app.store.db, request.query, request.user), request.query),
  );

  app.get(
    '/v1/desk/export.csv',
    { schema: { summary: 'Submissions in a date range as CSV', querystring: AnalyticsQuery, response: { 200: Type.String({ description: 'text/csv' }), '4xx': ErrorBody } } },
    async (request, reply) => {
      const csv = toCsv(await submissionsInRange(app.store.db, request.query, request.user));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="sori-submissions.csv"')
        .send(csv);
    },
  );
}
