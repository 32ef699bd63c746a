import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { LIMITS } from '@sori/protocol';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { sql } from 'kysely';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Store } from './db/database.js';
import { migrate } from './db/migrate.js';
import { ApiError } from './errors.js';
import database from './plugins/database.js';
import hub from './plugins/hub.js';
import notifier from './plugins/notifier.js';
import { publicApi } from './plugins/public-api.js';
import staffAuth from './plugins/staff-auth.js';
import assetRoutes from './routes/assets.js';
import deskSubmissionRoutes from './routes/desk/submissions.js';
import webhookRoutes from './routes/desk/webhooks.js';
import analyticsRoutes from './routes/desk/analytics.js';
import sessionRoutes from './routes/desk/session.js';
import userRoutes from './routes/desk/users.js';
import intakeRoutes from './routes/intake/submissions.js';
import reporterItemRoutes from './routes/reporter/items.js';
import reporterThreadRoutes from './routes/reporter/thread.js';
import updateRoutes from './routes/reporter/updates.js';

/** Options of {@link buildApp}. */
export interface AppOptions {
  /**
   * Where the data lives, when no `store` is given.
   * @default 'sqlite:./data/sori.db'
   */
  databaseUrl?: string;
  /** An already open database (tests share one); the app then leaves closing it to the caller. */
  store?: Store;
  /**
   * Fastify's logger option: `false` for none, `true` or pino options for JSON logs.
   * @default false
   */
  logger?: FastifyServerOptions['logger'];
  /**
   * The widget's build output, served at `/sori.js` and `/sori/*`.
   * @default the sibling package's `packages/widget/dist`
   */
  widgetDir?: string;
  /**
   * Requests per IP per minute before answering 429, or `false` to turn limits off.
   * @default 600
   */
  rateLimitPerMinute?: number | false;
  /**
   * Shopper-side requests per site per minute, over all addresses, or `false` for no limit.
   * @default 6000
   */
  siteRateLimitPerMinute?: number | false;
  /**
   * Seconds between update-stream heartbeats.
   * @default 15
   */
  heartbeatSeconds?: number;
  /** Trust `X-Forwarded-*` from a proxy in front (for client IPs in rate limits). @default false */
  trustProxy?: boolean;
  /** SMTP server for shopper emails, e.g. `smtp://user:pass@mail.example:587`; unset, emails wait in the outbox. */
  smtpUrl?: string | undefined;
  /** @default 'Sori <no-reply@localhost>' */
  mailFrom?: string | undefined;
  /** How often the outbox worker looks for due notifications, in ms. @default 1000 */
  notifierPollMs?: number;
  /** First retry delay of a failed notification, in ms (doubles per attempt). @default 5000 */
  notifierRetryBaseMs?: number;
}

const DEFAULT_WIDGET_DIR = fileURLToPath(new URL('../../widget/dist', import.meta.url));

/** Builds the Sori server: storage, intake, update streams, the desk API and the widget's files. */
export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: LIMITS.bodyBytes,
    trustProxy: options.trustProxy ?? false,
  });

  const store = options.store ?? openDatabase(options.databaseUrl ?? 'sqlite:./data/sori.db');
  if (!options.store) await migrate(store);
  await app.register(database, { store, owned: !options.store });
  await app.register(hub);
  await app.register(staffAuth);
  await app.register(notifier, {
    smtpUrl: options.smtpUrl,
    mailFrom: options.mailFrom,
    pollMs: options.notifierPollMs,
    retryBaseMs: options.notifierRetryBaseMs,
  });

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      if (error.retryAfter !== undefined) reply.header('retry-after', String(error.retryAfter));
      const body = { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
      return reply.code(error.statusCode).send({ error: body });
    }
    if (error.validation) {
      const first = error.validation[0];
      const field = first?.instancePath.replace(/^\//, '').replaceAll('/', '.') || (first?.params['missingProperty'] as string | undefined);
      return reply.code(400).send({ error: { code: 'invalid', message: error.message, ...(field ? { field } : {}) } });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({ error: { code: 'payload_too_large', message: `A request body may carry at most ${LIMITS.bodyBytes} bytes` } });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: { code: 'invalid', message: error.message } });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: { code: 'internal', message: 'Something went wrong on the server; the request can be retried' } });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } }),
  );

  // Graceful shutdown: requests in flight finish, and their connections close after the answer,
  // rather than idling in keep-alive and holding the shutdown up.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  // Strict defaults for everything; the widget's files relax CORP for themselves.
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    if (!reply.hasHeader('cross-origin-resource-policy')) reply.header('cross-origin-resource-policy', 'same-origin');
  });

  if (options.rateLimitPerMinute !== false) {
    await app.register(rateLimit, {
      max: options.rateLimitPerMinute ?? 600,
      timeWindow: 60_000,
      errorResponseBuilder: (_request, context) =>
        new ApiError('rate_limited', 429, `Too many requests: try again in ${Math.ceil(context.ttl / 1000)} s`),
    });
  }

  await app.register(swagger, {
    openapi: {
      info: { title: 'Sori API', version: '1', description: 'Intake, reporter updates and the desk API of Sori.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(async (scope) => {
    await publicApi(scope, { sitePerMinute: options.siteRateLimitPerMinute ?? 6000 });
    await scope.register(intakeRoutes);
    await scope.register(reporterItemRoutes);
    await scope.register(reporterThreadRoutes);
    await scope.register(updateRoutes, { heartbeatMs: (options.heartbeatSeconds ?? 15) * 1000 });
  });
  await app.register(deskSubmissionRoutes);
  await app.register(webhookRoutes);
  await app.register(analyticsRoutes);
  await app.register(sessionRoutes);
  await app.register(userRoutes);
  await app.register(assetRoutes, { widgetDir: options.widgetDir ?? DEFAULT_WIDGET_DIR });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  // Ready when the database answers: a load balancer sends traffic only then.
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(app.store.db);
      return { ok: true };
    } catch {
      return reply.code(503).send({ error: { code: 'unavailable', message: 'The database does not answer' } });
    }
  });
  return app;
}
