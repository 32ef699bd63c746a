import type { FastifyInstance, RouteOptions } from 'fastify';
import { authorizeUser, CSRF_HEADER, SESSION_COOKIE } from '../../plugins/staff-auth.js';
import analyticsRoutes from './analytics.js';
import cannedReplyRoutes from './canned-replies.js';
import followUpRoutes from './follow-ups.js';
import improvementRoutes from './improvements.js';
import staffEventRoutes, { type StaffEventRouteOptions } from './events.js';
import notificationRoutes from './notifications.js';
import peopleRoutes from './people.js';
import sessionRoutes, { type SessionRouteOptions } from './session.js';
import siteRoutes from './sites.js';
import siteSettingsRoutes from './site-settings.js';
import staffRoutes from './staff.js';
import submissionRoutes from './submissions.js';
import tokenRoutes from './tokens.js';
import userRoutes from './users.js';
import webhookRoutes from './webhooks.js';

/** How the desk's operations say, in OpenAPI, what they take: an API token, or the console's cookie (and CSRF token on writes). */
export const DESK_SECURITY_SCHEMES = {
  bearer: { type: 'http', scheme: 'bearer', description: 'An API token from POST /v1/desk/tokens or `pnpm sori token create`' },
  session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The console session, from POST /v1/desk/session' },
  csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER, description: "The session's CSRF token, on writes made with the cookie" },
} as const;

function documentSecurity(route: RouteOptions): void {
  if (route.config?.auth === false) return;
  const methods = [route.method].flat();
  const reads = methods.every((m) => m === 'GET' || m === 'HEAD');
  route.schema = { ...route.schema, security: [{ bearer: [] }, reads ? { session: [] } : { session: [], csrf: [] }] };
}

/**
 * The staff API, `/v1/desk/*`. Every route here is behind {@link authorizeUser}, added once:
 * agents by default, admins where a route says `config: { role: 'admin' }`, nobody signed in only
 * where it says `config: { auth: false }` (signing in and out).
 */
export default async function deskRoutes(app: FastifyInstance, options: StaffEventRouteOptions & SessionRouteOptions): Promise<void> {
  app.addHook('onRequest', authorizeUser);
  app.addHook('onRoute', documentSecurity);
  await app.register(submissionRoutes);
  await app.register(analyticsRoutes);
  await app.register(userRoutes);
  await app.register(tokenRoutes);
  await app.register(sessionRoutes, options);
  await app.register(webhookRoutes);
  await app.register(notificationRoutes);
  await app.register(siteRoutes);
  await app.register(staffRoutes);
  await app.register(siteSettingsRoutes);
  await app.register(peopleRoutes);
  await app.register(cannedReplyRoutes);
  await app.register(followUpRoutes);
  await app.register(improvementRoutes);
  await app.register(staffEventRoutes, options);
}
