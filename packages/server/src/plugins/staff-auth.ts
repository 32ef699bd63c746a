import cookie from '@fastify/cookie';
import type { Role } from '@sori/protocol';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { timingSafeEqual } from 'node:crypto';
import { errors } from '../errors.js';
import { findSession } from '../services/sessions.js';
import { siteIdsOf } from '../services/site-scope.js';
import { findUserByToken, type User } from '../services/users.js';

/** The console's session cookie. */
export const SESSION_COOKIE = 'sori_session';
/** The header that carries the session's CSRF token on state-changing requests. */
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The least role a desk route needs.
     * @default 'agent'
     */
    role?: Role;
    /** `false` on the routes that sign in and out: they need nobody signed in. */
    auth?: false;
  }
  interface FastifyRequest {
    /** The signed-in user of a desk request, let through by {@link authorizeUser}. */
    readonly user: User;
  }
}

const RANK: Record<Role, number> = { agent: 1, admin: 2 };
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const signedIn = new WeakMap<FastifyRequest, User>();
/** The CSRF token of the session a request came with (none for an API token). */
const csrfTokens = new WeakMap<FastifyRequest, string>();

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Who is calling: an API token (integrations) or a console session cookie (with CSRF check). */
async function authenticate(request: FastifyRequest): Promise<User> {
  const db = request.server.store.db;
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const user = await findUserByToken(db, header.slice(7).trim());
    if (!user) throw errors.unauthorized('The API token is unknown or revoked');
    return user;
  }
  const sessionToken = request.cookies[SESSION_COOKIE];
  if (sessionToken) {
    const session = await findSession(db, sessionToken);
    if (!session) throw errors.unauthorized('The session has ended: sign in again');
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken)) throw errors.csrf(CSRF_HEADER);
    }
    csrfTokens.set(request, session.csrfToken);
    return session.user;
  }
  throw errors.unauthorized();
}

/**
 * An `onRequest` hook that lets through only users with the route's role (`config.role`, agent
 * unless said otherwise). `routes/desk` adds it once for every desk route, so none is reachable
 * without it, and it runs before the body is even read: a stranger learns nothing from validation.
 */
export async function authorizeUser(request: FastifyRequest): Promise<void> {
  const config = request.routeOptions.config;
  if (config.auth === false) return;
  const user = await authenticate(request);
  const role = config.role ?? 'agent';
  if (RANK[user.role] < RANK[role]) throw errors.forbidden(`This needs the ${role} role`);
  signedIn.set(request, { ...user, siteIds: await siteIdsOf(request.server.store.db, user.id) });
}

/**
 * Whether the credentials a request came with still sign someone in: what a long-lived staff
 * stream asks again, so that disabling a user, revoking a token or ending a session ends it too.
 */
export async function stillSignedIn(request: FastifyRequest): Promise<boolean> {
  try {
    await authenticate(request);
    return true;
  } catch {
    return false;
  }
}

/** The CSRF token of the console session a desk request came with, if it came with one. */
export function csrfTokenOf(request: FastifyRequest): string | undefined {
  return csrfTokens.get(request);
}

/** Reads cookies and decorates requests with `user`, the user {@link authorizeUser} let through. */
export default fp(
  async (app) => {
    await app.register(cookie);
    app.decorateRequest('user', {
      getter(this: FastifyRequest): User {
        const user = signedIn.get(this);
        if (!user) throw new Error(`${this.method} ${this.routeOptions.url} reads request.user but is not behind authorizeUser (routes/desk)`);
        return user;
      },
    });
  },
  { name: 'sori-staff-auth', dependencies: ['sori-database'] },
);
