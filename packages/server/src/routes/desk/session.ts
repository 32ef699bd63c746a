import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CurrentSession, ErrorBody, Session, SignInInput } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { csrfTokenOf, SESSION_COOKIE } from '../../plugins/staff-auth.js';
import { SESSION_TTL_MS, signIn, signOut } from '../../services/sessions.js';

/** Console sign-in: an HttpOnly, SameSite=Strict session cookie plus a CSRF token for writes. */
export default async function sessionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/v1/desk/session',
    {
      // Few tries per address: passwords are not to be guessed here.
      config: { auth: false, rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: { summary: 'Sign in to the console', body: SignInInput, response: { 200: Session, '4xx': ErrorBody } },
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
      return { user: session.user, csrfToken: session.csrfToken };
    },
  );

  app.get(
    '/v1/desk/session',
    { schema: { summary: 'Who is signed in, and the CSRF token of a console session', response: { 200: CurrentSession, '4xx': ErrorBody } } },
    async (request) => {
      const csrfToken = csrfTokenOf(request);
      return { user: request.user, ...(csrfToken ? { csrfToken } : {}) };
    },
  );

  app.delete(
    '/v1/desk/session',
    { config: { auth: false }, schema: { summary: 'Sign out', response: { 204: Type.Null(), '4xx': ErrorBody } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(app.store.db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
}
