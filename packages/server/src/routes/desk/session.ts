import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ADMIN_PATHS, CurrentSession, ErrorBody, PasswordChangeInput, PasswordSetupInput, Preferences, PreferencesInput, Session, SignInInput } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { errors } from '../../errors.js';
import { csrfTokenOf, SESSION_COOKIE } from '../../plugins/staff-auth.js';
import { ACCESS_TOPIC } from '../../plugins/hub.js';
import { SESSION_TTL_MS, signIn, signOut } from '../../services/sessions.js';
import { sha256 } from '../../services/secrets.js';
import { alertsPreference, changeOwnPassword, setUpPassword } from '../../services/staff.js';
import { WindowLimiter } from '../../services/window-limiter.js';

/** Options of {@link sessionRoutes}. */
export interface SessionRouteOptions {
  /**
   * Sign-in tries per account (the email, as users are found by it) per 15 minutes, from
   * whatever addresses, or `false` for no such limit.
   * @default 10
   */
  signInAttemptsPerEmail?: number | false | undefined;
}

/** The window of {@link SessionRouteOptions.signInAttemptsPerEmail}. */
const SIGN_IN_WINDOW_MS = 15 * 60_000;

/** Console sign-in: an HttpOnly, SameSite=Strict session cookie plus a CSRF token for writes. */
export default async function sessionRoutes(fastify: FastifyInstance, options: SessionRouteOptions): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const attempts = options.signInAttemptsPerEmail ?? 10;
  // Per account as well as per address: an attacker with many addresses still gets few guesses
  // at one password. Emails made up to flush the counts need the per-address limit's addresses.
  const perEmail = attempts === false ? undefined : new WindowLimiter({ max: attempts, windowMs: SIGN_IN_WINDOW_MS, keys: 50_000 });

  app.post(
    '/v1/desk/session',
    {
      // Few tries per address: passwords are not to be guessed here.
      config: { auth: false, rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: { summary: 'Sign in to the console', body: SignInInput, response: { 200: Session, '4xx': ErrorBody } },
    },
    async (request, reply) => {
      const wait = perEmail?.hit(request.body.email.trim().toLowerCase());
      if (wait !== undefined) throw errors.rateLimited(wait, 'Too many sign-in attempts for this account');
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
      app.hub.announce(ACCESS_TOPIC);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.put(
    ADMIN_PATHS.ownPassword,
    {
      schema: {
        summary: 'Change your own password (the current one is needed); your other sessions end',
        body: PasswordChangeInput,
        response: { 204: Type.Null(), '4xx': ErrorBody },
      },
    },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      await changeOwnPassword(app.store.db, request.user, request.body, cookie ? sha256(cookie) : undefined);
      return reply.code(204).send(null);
    },
  );

  app.post(
    ADMIN_PATHS.passwordSetup,
    {
      config: { auth: false, rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        summary: 'Set your password with the setup token an admin gave you (invitation or reset), then sign in',
        body: PasswordSetupInput,
        response: { 204: Type.Null(), '4xx': ErrorBody },
      },
    },
    async (request, reply) => {
      await setUpPassword(app.store.db, request.body.token, request.body.password);
      return reply.code(204).send(null);
    },
  );

  app.get(
    ADMIN_PATHS.preferences,
    { schema: { summary: 'Your own settings: whether you get staff alerts by email', response: { 200: Preferences, '4xx': ErrorBody } } },
    async (request) => alertsPreference(app.store.db, request.user.id),
  );

  app.patch(
    ADMIN_PATHS.preferences,
    { schema: { summary: 'Turn your staff alerts by email on or off', body: PreferencesInput, response: { 200: Preferences, '4xx': ErrorBody } } },
    async (request) => alertsPreference(app.store.db, request.user.id, request.body.alerts),
  );
}
