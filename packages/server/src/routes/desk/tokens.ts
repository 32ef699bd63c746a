import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ADMIN_PATHS, ApiTokenCreated, ApiTokenInput, ApiTokenList, ErrorBody, IdParams } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { recordChange } from '../../services/audit.js';
import { ACCESS_TOPIC } from '../../plugins/hub.js';
import { listApiTokens, revokeApiToken } from '../../services/api-tokens.js';
import { createApiToken } from '../../services/users.js';

/** API tokens: each user makes, lists and revokes their own; admins see and revoke everyone's. */
export default async function tokenRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    ADMIN_PATHS.tokens,
    {
      schema: {
        summary: 'Make an API token for yourself, optionally expiring; it is shown once',
        body: ApiTokenInput,
        response: { 201: ApiTokenCreated, '4xx': ErrorBody },
      },
    },
    async (request, reply) => {
      const { token, id } = await createApiToken(app.store.db, { userEmail: request.user.email, name: request.body.name, expiresAt: request.body.expiresAt });
      await recordChange(app.store.db, request.user, {
        subject: 'token',
        subjectId: id,
        action: 'created',
        changes: { name: { from: null, to: request.body.name ?? 'api' }, expiresAt: { from: null, to: request.body.expiresAt ?? null } },
      });
      return reply.code(201).send({ token, id });
    },
  );

  app.get(
    ADMIN_PATHS.tokens,
    { schema: { summary: "Your API tokens (an admin: everyone's), with when each was last used", response: { 200: ApiTokenList, '4xx': ErrorBody } } },
    async (request) => ({ tokens: await listApiTokens(app.store.db, request.user.role === 'admin' ? undefined : request.user.id) }),
  );

  app.delete(
    '/v1/desk/tokens/:id',
    { schema: { summary: 'Revoke an API token: it stops working at once', params: IdParams, response: { 204: Type.Null(), '4xx': ErrorBody } } },
    async (request, reply) => {
      await revokeApiToken(app.store.db, request.params.id, request.user, request.user.role === 'admin' ? undefined : request.user.id);
      app.hub.announce(ACCESS_TOPIC);
      return reply.code(204).send(null);
    },
  );
}
