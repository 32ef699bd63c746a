import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errors } from '../errors.js';
import { findStaffByToken, type Role, type Staff } from '../services/users.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member, set by {@link requireRole}. */
    staff: Staff | null;
  }
}

const RANK: Record<Role, number> = { agent: 1, admin: 2 };

/**
 * A `preHandler` that lets only staff with at least `role` through. Every desk route declares
 * one, so no staff route is reachable without a role check.
 */
export function requireRole(role: Role) {
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw errors.unauthorized();
    const staff = await findStaffByToken(request.server.store.db, token);
    if (!staff) throw errors.unauthorized('The API token is unknown or revoked');
    if (RANK[staff.role] < RANK[role]) throw errors.forbidden(`This needs the ${role} role`);
    request.staff = staff;
  };
}

export default fp(
  async (app) => {
    app.decorateRequest('staff', null);
  },
  { name: 'sori-staff-auth', dependencies: ['sori-database'] },
);
