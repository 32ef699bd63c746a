import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ADMIN_PATHS, AdminUser, AdminUserList, AuditList, AuditQuery, ErrorBody, IdParams, PasswordReset, PasswordResetInput, UserInvited, UserInviteInput, UserUpdateInput } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import { listAudit } from '../../services/audit.js';
import { ACCESS_TOPIC } from '../../plugins/hub.js';
import { findStaff, inviteUser, listStaff, resetPassword, updateStaff } from '../../services/staff.js';

const admin = { role: 'admin' } as const;

/** Staff as admins manage them (invite, role, department, sites, disable, passwords), and the audit of every settings change. */
export default async function staffRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    ADMIN_PATHS.users,
    { config: admin, schema: { summary: 'Every user with their sites, whether disabled and whether alerts are on', response: { 200: AdminUserList, '4xx': ErrorBody } } },
    async () => ({ users: await listStaff(app.store.db) }),
  );

  app.post(
    ADMIN_PATHS.users,
    {
      config: admin,
      schema: {
        summary: 'Invite a user: with a password, or get a one-time setup token they set theirs with',
        body: UserInviteInput,
        response: { 201: UserInvited, '4xx': ErrorBody },
      },
    },
    async (request, reply) => reply.code(201).send(await inviteUser(app.store.db, request.body, request.user)),
  );

  app.get(
    '/v1/desk/admin/users/:id',
    { config: admin, schema: { summary: 'One user', params: IdParams, response: { 200: AdminUser, '4xx': ErrorBody } } },
    async (request) => findStaff(app.store.db, request.params.id),
  );

  app.patch(
    '/v1/desk/admin/users/:id',
    {
      config: admin,
      schema: {
        summary: "Change a user's role, department, sites or alerts, or disable them (their sessions and tokens stop at once)",
        params: IdParams,
        body: UserUpdateInput,
        response: { 200: AdminUser, '4xx': ErrorBody },
      },
    },
    async (request) => {
      const user = await updateStaff(app.store.db, request.params.id, request.body, request.user);
      app.hub.announce(ACCESS_TOPIC);
      return user;
    },
  );

  app.post(
    '/v1/desk/admin/users/:id/password',
    {
      config: admin,
      schema: {
        summary: "Reset a user's password (or get a setup token for them); their sessions end",
        params: IdParams,
        body: PasswordResetInput,
        response: { 200: PasswordReset, '4xx': ErrorBody },
      },
    },
    async (request) => {
      const reset = await resetPassword(app.store.db, request.params.id, request.body.password, request.user);
      app.hub.announce(ACCESS_TOPIC);
      return reset;
    },
  );

  app.get(
    ADMIN_PATHS.audit,
    { config: admin, schema: { summary: 'Every settings change: who, when, on what, what changed; newest first', querystring: AuditQuery, response: { 200: AuditList, '4xx': ErrorBody } } },
    async (request) => ({ entries: await listAudit(app.store.db, request.query) }),
  );
}
