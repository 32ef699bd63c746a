import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, StaffUser } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { requireRole, signedInStaff } from '../../plugins/staff-auth.js';
import { createApiToken, createUser, ROLES } from '../../services/users.js';


/** Staff users (admins add them) and API tokens (each user makes their own). */
export default async function userRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/v1/desk/users',
    { preHandler: requireRole('agent'), schema: { summary: 'Staff users (to assign items to)', response: { 200: Type.Object({ users: Type.Array(StaffUser) }), '4xx': ErrorBody } } },
    async () => ({
      users: await app.store.db.selectFrom('users').select(['id', 'email', 'name', 'role', 'department']).orderBy('name').execute(),
    }),
  );

  app.post(
    '/v1/desk/users',
    {
      preHandler: requireRole('admin'),
      schema: {
        summary: 'Add a staff user',
        body: Type.Object(
          {
            email: Type.String({ format: 'email', maxLength: 254 }),
            role: Type.Enum(ROLES),
            password: Type.String({ minLength: 10, maxLength: 200 }),
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            department: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: StaffUser, '4xx': ErrorBody },
      },
    },
    async (request, reply) => reply.code(201).send(await createUser(app.store.db, request.body)),
  );

  app.post(
    '/v1/desk/tokens',
    {
      preHandler: requireRole('agent'),
      schema: {
        summary: 'Make an API token for yourself; it is shown once',
        body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }, { additionalProperties: false }),
        response: { 201: Type.Object({ token: Type.String() }), '4xx': ErrorBody },
      },
    },
    async (request, reply) => {
      const { token } = await createApiToken(app.store.db, {
        userEmail: signedInStaff(request).email,
        ...(request.body.name ? { name: request.body.name } : {}),
      });
      return reply.code(201).send({ token });
    },
  );
}
