import cookie from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { timingSafeEqual } from 'node:crypto';
import { ApiError, errors } from '../errors.js';
import { findSession } from '../services/sessions.js';
import { findStaffByToken, type Role, type Staff } from '../services/users.js';

/** The console's session cookie. */
export const SESSION_COOKIE = 'sori_session';
/** The header that carries the session's CSRF token on state-changing requests. */
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member, set by {@link requireRole}. */
    staff: Staff | null;
  }
}

const RANK: Record<Role, number> = { agent: 1, admin: 2 };
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Who is calling: an API token (integrations) or a console session cookie (with CSRF check). */
async function authenticate(request: FastifyRequest): Promise<Staff> {
  const db = request.server.store.db;
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const staff = await findStaffByToken(db, header.slice(7).trim());
    if (!staff) throw errors.unauthorized('The API token is unknown or revoked');
    return staff;
  }
  const sessionToken = request.cookies[SESSION_COOKIE];
  if (sessionToken) {
    const session = await findSession(db, sessionToken);
    if (!session) throw errors.unauthorized('The session has ended: sign in again');
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken)) {
        throw new ApiError('csrf', 403, `Send the session's CSRF token in the ${CSRF_HEADER} header`);
      }
    }
    return session.staff;
  }
  throw errors.unauthorized();
}

/**
 * A `preHandler` that lets only staff with at least `role` through. Every desk route declares
 * one, so no staff route is reachable without a role check.
 */
export function requireRole(role: Role) {
  return async (request: FastifyRequest): Promise<void> => {
    const staff = await authenticate(request);
    if (RANK[staff.role] < RANK[role]) throw errors.forbidden(`This needs the ${role} role`);
    request.staff = staff;
  };
}

/** The staff member a route's `requireRole` let through. */
export function signedInStaff(request: FastifyRequest): Staff {
  if (!request.staff) throw new Error('staff route reached without requireRole in front of it');
  return request.staff;
}

export default fp(
  async (app) => {
    await app.register(cookie);
    app.decorateRequest('staff', null);
  },
  { name: 'sori-staff-auth', dependencies: ['sori-database'] },
);
