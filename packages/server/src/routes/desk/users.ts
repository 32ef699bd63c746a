import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, User, UserInput, UserList } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import { createUser, listUsers } from '../../services/users.js';

/** Users: every agent sees them (to assign submissions to); admins add them. */
export default async function userRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/v1/desk/users',
    { schema: { summary: 'Users (to assign submissions to)', response: { 200: UserList, '4xx': ErrorBody } } },
    async () => ({ users: await listUsers(app.store.db) }),
  );

  app.post(
    '/v1/desk/users',
    { config: { role: 'admin' }, schema: { summary: 'Add a user', body: UserInput, response: { 201: User, '4xx': ErrorBody } } },
    async (request, reply) => reply.code(201).send(await createUser(app.store.db, request.body)),
  );
}
