import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Analysis, AnalysisCsvQuery, AnalysisQuery, Analytics, AnalyticsQuery, ErrorBody } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { analysisCsv } from '../../services/analysis-csv.js';
import { analysis } from '../../services/analysis.js';
import { analyse, submissionsInRange, toCsv } from '../../services/analytics.js';

/** The VOC analysis, its tables as CSV, and the CSV export of submissions. */
export default async function analyticsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/v1/desk/analysis',
    {
      schema: {
        summary: 'The VOC analysis of a date range: volumes, service standards, recovery segments, CSAT; every figure with its inbox drill-down',
        querystring: AnalysisQuery,
        response: { 200: Analysis, '4xx': ErrorBody },
      },
    },
    async (request) => analysis(app.store.db, request.query, request.user),
  );

  app.get(
    '/v1/desk/analysis.csv',
    {
      schema: {
        summary: 'One table of the analysis as CSV',
        querystring: AnalysisCsvQuery,
        response: { 200: Type.String({ description: 'text/csv' }), '4xx': ErrorBody },
      },
    },
    async (request, reply) => {
      const { table, ...query } = request.query;
      const csv = analysisCsv(await analysis(app.store.db, query, request.user), table);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="sori-analysis-${table}.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/v1/desk/analytics',
    {
      schema: {
        summary: 'Summary figures of a date range (older form; see /v1/desk/analysis)',
        querystring: AnalyticsQuery,
        response: { 200: Analytics, '4xx': ErrorBody },
      },
    },
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
