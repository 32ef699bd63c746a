import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DeskChange, DeskDetail, DeskList, DeskListQuery, DeskMessage, DeskPatch, ErrorBody, ImprovementInput } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { requireRole, signedInStaff } from '../../plugins/staff-auth.js';
import { addImprovement, addStaffMessage, changeSubmission, eraseSubmission, listSubmissions, submissionDetail } from '../../services/desk.js';

const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const errorsOf = { '4xx': ErrorBody };

/** The staff API over submissions: list, read, change status, reply and note. */
export default async function deskSubmissionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('preHandler', requireRole('agent'));

  app.get(
    '/v1/desk/submissions',
    { schema: { summary: 'List, filter and search submissions', querystring: DeskListQuery, response: { 200: DeskList, ...errorsOf } } },
    async (request) => listSubmissions(app.store.db, request.query),
  );

  app.get(
    '/v1/desk/submissions/:id',
    { schema: { summary: 'One submission and its whole timeline', params: Params, response: { 200: DeskDetail, ...errorsOf } } },
    async (request) => submissionDetail(app.store.db, request.params.id),
  );

  app.patch(
    '/v1/desk/submissions/:id',
    { schema: { summary: 'Classify, route, assign or change status (checked against the lifecycle)', params: Params, body: DeskPatch, response: { 200: DeskChange, ...errorsOf } } },
    async (request) => {
      const { reporterId, events, ...change } = await changeSubmission(app.store.db, request.params.id, request.body, signedInStaff(request));
      if (events.some((e) => e.public)) app.hub.notify(reporterId);
      app.notifier.kick();
      return change;
    },
  );

  app.post(
    '/v1/desk/submissions/:id/replies',
    { schema: { summary: 'Answer the shopper in public', params: Params, body: DeskMessage, response: { 201: DeskChange, ...errorsOf } } },
    async (request, reply) => {
      const { reporterId, ...change } = await addStaffMessage(app.store.db, request.params.id, request.body.message, signedInStaff(request), 'reply');
      app.hub.notify(reporterId);
      app.notifier.kick();
      return reply.code(201).send(change);
    },
  );

  app.post(
    '/v1/desk/submissions/:id/notes',
    { schema: { summary: 'Add an internal note only staff see', params: Params, body: DeskMessage, response: { 201: DeskChange, ...errorsOf } } },
    async (request, reply) => {
      const { reporterId: _, ...change } = await addStaffMessage(app.store.db, request.params.id, request.body.message, signedInStaff(request), 'note');
      return reply.code(201).send(change);
    },
  );

  app.post(
    '/v1/desk/submissions/:id/improvements',
    {
      schema: {
        summary: 'Mark as an improvement item for a department (its webhooks hear of it)',
        params: Params,
        body: ImprovementInput,
        response: { 201: DeskChange, ...errorsOf },
      },
    },
    async (request, reply) => {
      const change = await addImprovement(app.store.db, request.params.id, request.body, signedInStaff(request));
      app.notifier.kick();
      return reply.code(201).send(change);
    },
  );

  app.post(
    '/v1/desk/submissions/:id/erasure',
    {
      preHandler: requireRole('admin'),
      schema: {
        summary: "Erase what the shopper wrote and their contact details, at their request (audited)",
        params: Params,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
        response: { 200: DeskChange, ...errorsOf },
      },
    },
    async (request) => eraseSubmission(app.store.db, request.params.id, request.body.reason, signedInStaff(request)),
  );
}
