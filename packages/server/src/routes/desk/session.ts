import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, StaffUser } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { requireRole, SESSION_COOKIE, signedInStaff } from '../../plugins/staff-auth.js';
import { SESSION_TTL_MS, signIn, signOut } from '../../services/sessions.js';

const Session = Type.Object({ user: StaffUser, csrfToken: Type.String() });

/** Console sign-in: an HttpOnly, SameSite=Strict session cookie plus a CSRF token for writes. */
export default async function sessionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/v1/desk/session',
    {
      // Few tries per address: passwords are not to be guessed here.
      config: { rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        summary: 'Sign in to the console',
        body: Type.Object({ email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
        response: { 200: Session, '4xx': ErrorBody },
      },
    },
    async (request, reply) => {
      const session = await signIn(app.store.db, request.body.email, request.body.password);
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        path: '/',
        maxAge: SESSION_TTL_MS / 1000,
      });
      return { user: session.staff, csrfToken: session.csrfToken };
    },
  );

  app.get(
    '/v1/desk/session',
    { preHandler: requireRole('agent'), schema: { summary: 'Who is signed in', response: { 200: StaffUser, '4xx': ErrorBody } } },
    async (request) => signedInStaff(request),
  );

  app.delete(
    '/v1/desk/session',
    { schema: { summary: 'Sign out', response: { 204: Type.Null(), '4xx': ErrorBody } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(app.store.db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
}
