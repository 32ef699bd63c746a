import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DeskChange, DeskDetail, DeskList, DeskListQuery, DeskPatch, DeskText, ErasureInput, ErrorBody, IdParams, ImprovementInput } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import { addImprovement, addReplyOrNote, changeSubmission, eraseSubmission, listSubmissions, submissionDetail } from '../../services/desk.js';

const errorsOf = { '4xx': ErrorBody };

/** The staff API over submissions: list, read, change, reply, note, improvements and erasure. */
export default async function submissionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/v1/desk/submissions',
    { schema: { summary: 'List, filter and search submissions', querystring: DeskListQuery, response: { 200: DeskList, ...errorsOf } } },
    async (request) => listSubmissions(app.store.db, request.query),
  );

  app.get(
    '/v1/desk/submissions/:id',
    { schema: { summary: 'One submission and its whole timeline', params: IdParams, response: { 200: DeskDetail, ...errorsOf } } },
    async (request) => submissionDetail(app.store.db, request.params.id),
  );

  app.patch(
    '/v1/desk/submissions/:id',
    { schema: { summary: 'Classify, route, assign or change status (checked against the lifecycle)', params: IdParams, body: DeskPatch, response: { 200: DeskChange, ...errorsOf } } },
    async (request) => app.transaction((unit) => changeSubmission(unit, request.params.id, request.body, request.user)),
  );

  app.post(
    '/v1/desk/submissions/:id/replies',
    { schema: { summary: 'Answer the shopper in public', params: IdParams, body: DeskText, response: { 201: DeskChange, ...errorsOf } } },
    async (request, reply) => {
      const change = await app.transaction((unit) => addReplyOrNote(unit, request.params.id, 'reply', request.body.text, request.user));
      return reply.code(201).send(change);
    },
  );

  app.post(
    '/v1/desk/submissions/:id/notes',
    { schema: { summary: 'Add an internal note only staff see', params: IdParams, body: DeskText, response: { 201: DeskChange, ...errorsOf } } },
    async (request, reply) => {
      const change = await app.transaction((unit) => addReplyOrNote(unit, request.params.id, 'note', request.body.text, request.user));
      return reply.code(201).send(change);
    },
  );

  app.post(
    '/v1/desk/submissions/:id/improvements',
    {
      schema: {
        summary: 'Ask a department for an improvement because of this submission (its webhooks hear of it)',
        params: IdParams,
        body: ImprovementInput,
        response: { 201: DeskChange, ...errorsOf },
      },
    },
    async (request, reply) => {
      const change = await app.transaction((unit) => addImprovement(unit, request.params.id, request.body, request.user));
      return reply.code(201).send(change);
    },
  );

  app.post(
    '/v1/desk/submissions/:id/erasure',
    {
      config: { role: 'admin' },
      schema: {
        summary: "Erase what the shopper wrote and their contact details, at their request (audited)",
        params: IdParams,
        body: ErasureInput,
        response: { 200: DeskChange, ...errorsOf },
      },
    },
    async (request) => app.transaction((unit) => eraseSubmission(unit, request.params.id, request.body.reason, request.user)),
  );
}
