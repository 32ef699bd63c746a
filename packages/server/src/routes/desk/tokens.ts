import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApiTokenCreated, ApiTokenInput, ErrorBody } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import { createApiToken } from '../../services/users.js';

/** API tokens: each user makes their own, for integrations. */
export default async function tokenRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/v1/desk/tokens',
    {
      schema: {
        summary: 'Make an API token for yourself; it is shown once',
        body: ApiTokenInput,
        response: { 201: ApiTokenCreated, '4xx': ErrorBody },
      },
    },
    async (request, reply) => {
      const { token } = await createApiToken(app.store.db, { userEmail: request.user.email, name: request.body.name });
      return reply.code(201).send({ token });
    },
  );
}
