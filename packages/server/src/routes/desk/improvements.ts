import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, IdParams, ImprovementLinks, ImprovementList, ImprovementPatch, ImprovementQuery, ImprovementResult, NewImprovement } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import { createImprovement, linkSubmissions, listImprovements, updateImprovement } from '../../services/improvements.js';

/** Improvements (VOC step 10): list per department, start, change, link submissions. */
export default async function improvementRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/v1/desk/improvements',
    {
      schema: {
        summary: 'Improvements by department, with how many submissions and complaints are behind each',
        querystring: ImprovementQuery,
        response: { 200: ImprovementList, '4xx': ErrorBody },
      },
    },
    async (request) => listImprovements(app.store.db, request.query, request.user),
  );

  app.post(
    '/v1/desk/improvements',
    {
      schema: {
        summary: "Start an improvement with the submissions behind it (the department's webhooks hear of it)",
        body: NewImprovement,
        response: { 201: ImprovementResult, '4xx': ErrorBody },
      },
    },
    async (request, reply) => {
      const improvement = await app.transaction((unit) => createImprovement(unit, request.body, request.user));
      return reply.code(201).send({ improvement });
    },
  );

  app.patch(
    '/v1/desk/improvements/:id',
    {
      schema: {
        summary: 'Change an improvement; marking it done tells every linked shopper',
        params: IdParams,
        body: ImprovementPatch,
        response: { 200: ImprovementResult, '4xx': ErrorBody },
      },
    },
    async (request) => ({ improvement: await app.transaction((unit) => updateImprovement(unit, request.params.id, request.body, request.user)) }),
  );

  app.post(
    '/v1/desk/improvements/:id/submissions',
    {
      schema: {
        summary: 'Add submissions behind an improvement',
        params: IdParams,
        body: ImprovementLinks,
        response: { 200: ImprovementResult, '4xx': ErrorBody },
      },
    },
    async (request) => ({
      improvement: await app.transaction((unit) => linkSubmissions(unit, request.params.id, request.body.submissionIds, request.user)),
    }),
  );
}
