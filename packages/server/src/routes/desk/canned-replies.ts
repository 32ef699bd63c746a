import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CannedReply, CannedReplyInput, ErrorBody, IdParams } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { createCannedReply, deleteCannedReply, listCannedReplies, updateCannedReply } from '../../services/canned-replies.js';

const errorsOf = { '4xx': ErrorBody };

/** Canned replies: texts staff keep for answers they give often, per kind and language. */
export default async function cannedReplyRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/v1/desk/canned-replies',
    { schema: { summary: 'Every canned reply', response: { 200: Type.Object({ cannedReplies: Type.Array(CannedReply) }), ...errorsOf } } },
    async () => ({ cannedReplies: await listCannedReplies(app.store.db) }),
  );

  app.post(
    '/v1/desk/canned-replies',
    { schema: { summary: 'Add a canned reply', body: CannedReplyInput, response: { 201: CannedReply, ...errorsOf } } },
    async (request, reply) => reply.code(201).send(await createCannedReply(app.store.db, request.body, request.user.id)),
  );

  app.patch(
    '/v1/desk/canned-replies/:id',
    { schema: { summary: 'Change a canned reply', params: IdParams, body: Type.Partial(CannedReplyInput, { minProperties: 1 }), response: { 200: CannedReply, ...errorsOf } } },
    async (request) => updateCannedReply(app.store.db, request.params.id, request.body),
  );

  app.delete(
    '/v1/desk/canned-replies/:id',
    { schema: { summary: 'Remove a canned reply', params: IdParams, response: { 204: Type.Null(), ...errorsOf } } },
    async (request, reply) => {
      await deleteCannedReply(app.store.db, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
