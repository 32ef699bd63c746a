import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { BulkChange, BulkResult, DeskChange, DeskDetail, DeskList, DeskPatch, DeskText, ErasureInput, ErrorBody, IdParams, ImprovementInput, InboxCounts, InboxQuery } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import { bulkChange } from '../../services/bulk.js';
import { addImprovement, addReplyOrNote, changeSubmission, submissionDetail } from '../../services/desk.js';
import { eraseSubmission } from '../../services/erasure.js';
import { inboxCounts, listInbox } from '../../services/inbox.js';

/**
 * Staff changes share group commits too: many agents (or one bulk change) at once cost one disk
 * sync per commit, and each change is still a job of its own in it, checked and written in turn.
 */
const STAFF_CHANGE = { group: true } as const;

const errorsOf = { '4xx': ErrorBody };

/** The staff API over submissions: list, read, change, reply, note, improvements and erasure. */
export default async function submissionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/v1/desk/submissions',
    {
      schema: {
        summary: 'The inbox: filter, search (message, tracking number, order number, email, phone) and sort (due first, oldest, newest), one keyset page at a time',
        querystring: InboxQuery,
        response: { 200: DeskList, ...errorsOf },
      },
    },
    async (request) => listInbox(app.store.db, request.query, request.user, new Date(), app.store.dialect),
  );

  app.get(
    '/v1/desk/submissions/counts',
    { schema: { summary: "How many open submissions each of the inbox's views holds", response: { 200: InboxCounts, ...errorsOf } } },
    async (request) => inboxCounts(app.store.db, request.user),
  );

  app.post(
    '/v1/desk/submissions/bulk',
    {
      schema: {
        summary: 'One change (assign, route, status, close with a reason) for up to 5,000 submissions, in one request',
        body: BulkChange,
        response: { 200: BulkResult, ...errorsOf },
      },
    },
    async (request) => app.transaction((unit) => bulkChange(unit, request.body, request.user), STAFF_CHANGE),
  );

  app.get(
    '/v1/desk/submissions/:id',
    { schema: { summary: 'One submission and its whole timeline', params: IdParams, response: { 200: DeskDetail, ...errorsOf } } },
    async (request) => submissionDetail(app.store.db, request.params.id, request.user),
  );

  app.patch(
    '/v1/desk/submissions/:id',
    { schema: { summary: 'Classify, route, assign or change status (checked against the lifecycle)', params: IdParams, body: DeskPatch, response: { 200: DeskChange, ...errorsOf } } },
    async (request) => app.transaction((unit) => changeSubmission(unit, request.params.id, request.body, request.user), STAFF_CHANGE),
  );

  app.post(
    '/v1/desk/submissions/:id/replies',
    { schema: { summary: 'Answer the shopper in public', params: IdParams, body: DeskText, response: { 201: DeskChange, ...errorsOf } } },
    async (request, reply) => {
      const change = await app.transaction((unit) => addReplyOrNote(unit, request.params.id, 'reply', request.body, request.user), STAFF_CHANGE);
      return reply.code(201).send(change);
    },
  );

  app.post(
    '/v1/desk/submissions/:id/notes',
    { schema: { summary: 'Add an internal note only staff see', params: IdParams, body: DeskText, response: { 201: DeskChange, ...errorsOf } } },
    async (request, reply) => {
      const change = await app.transaction((unit) => addReplyOrNote(unit, request.params.id, 'note', request.body, request.user), STAFF_CHANGE);
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
      const change = await app.transaction((unit) => addImprovement(unit, request.params.id, request.body, request.user), STAFF_CHANGE);
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
