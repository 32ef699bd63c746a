import { AjvCompiler, type BuildCompilerFromPool } from '@fastify/ajv-compiler';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { LIMITS } from '@sori/protocol';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Store } from './db/database.js';
import { migrate } from './db/migrate.js';
import { errors } from './errors.js';
import { isDateTime } from './formats.js';
import { networkSettings, type NetworkOptions } from './network-options.js';
import connections from './plugins/connections.js';
import database from './plugins/database.js';
import errorHandler, { answerClientError, answerFrameworkError } from './plugins/error-handler.js';
import finiteNumbers from './plugins/finite-numbers.js';
import storableText from './plugins/storable-text.js';
import gracefulClose from './plugins/graceful-close.js';
import hub from './plugins/hub.js';
import notifier from './plugins/notifier.js';
import securityHeaders from './plugins/security-headers.js';
import shopper from './plugins/shopper.js';
import staffAuth from './plugins/staff-auth.js';
import transaction from './plugins/transaction.js';
import staffAlerts from './plugins/staff-alerts.js';
import assetRoutes from './routes/assets.js';
import consoleRoutes from './routes/console.js';
import deskRoutes, { DESK_SECURITY_SCHEMES } from './routes/desk/index.js';
import healthRoutes from './routes/health.js';
import intakeRoutes from './routes/intake/index.js';
import reporterRoutes from './routes/reporter/index.js';

export type { NetworkOptions, TrustProxy } from './network-options.js';

/** Options of {@link buildApp}. */
export interface AppOptions extends NetworkOptions {
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
   * The staff console's build output, served at `/console/`.
   * @default the sibling package's `packages/console/dist`
   */
  consoleDir?: string;
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
  /**
   * Sign-in tries per account (email) per 15 minutes, from whatever addresses, or `false`.
   * @default 10
   */
  signInAttemptsPerEmail?: number | false;
  /** SMTP server for shopper emails, e.g. `smtp://user:pass@mail.example:587`; unset, emails wait, queued, until it is set. */
  smtpUrl?: string | undefined;
  /** @default 'Sori <no-reply@localhost>' */
  mailFrom?: string | undefined;
  /** How often the notification worker looks for due notifications, in ms. @default 1000 */
  notifierPollMs?: number;
  /** First retry delay of a failed delivery, in ms (doubles per attempt). @default 5000 */
  notifierRetryBaseMs?: number;
  /**
   * Hosts webhooks may call though they are, or resolve to, a loopback, private, link-local or
   * other internal address (which are refused otherwise).
   * @default []
   * @example ['hooks.internal', '10.0.0.5']
   */
  webhookAllowHosts?: readonly string[];
}

const DEFAULT_WIDGET_DIR = fileURLToPath(new URL('../../widget/dist', import.meta.url));
const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../console/dist', import.meta.url));

type Compile = ReturnType<BuildCompilerFromPool>;

/**
 * Validators that take a JSON body as sent: Fastify's Ajv coerces types, which a query string
 * needs (`?limit=20` is text) but a body must not get — it turned `followUpDays: 0` into `null`
 * (put the default back) and `assigneeId: 0` into `"0"` instead of refusing them with a 400.
 */
function bodiesAsSent(): BuildCompilerFromPool {
  const pool = AjvCompiler();
  return (externalSchemas, options) => {
    const coercing = pool(externalSchemas, options);
    if (options?.mode === 'JTD') return coercing;
    const asSent = pool(externalSchemas, { ...options, customOptions: { ...options?.customOptions, coerceTypes: false } });
    // The compiler is called with the route's definition ({ schema, method, url, httpPart }: the
    // package's README), though its types name only the schema.
    const validator = (route: { httpPart?: string }) => (route.httpPart === 'body' ? asSent : coercing)(route as Parameters<Compile>[0]);
    return validator as unknown as Compile;
  };
}

/** Builds the Sori server: storage, intake, update streams, the desk API and the widget's files. */
export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const heartbeatMs = (options.heartbeatSeconds ?? 15) * 1000;
  const network = networkSettings(options, heartbeatMs);
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: LIMITS.bodyBytes,
    ...network.fastify,
    ajv: { onCreate: (ajv) => ajv.addFormat('date-time', { type: 'string', validate: isDateTime }) },
    schemaController: { compilersFactory: { buildValidator: bodiesAsSent() } },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });

  const store = options.store ?? openDatabase(options.databaseUrl ?? 'sqlite:./data/sori.db');
  if (!options.store) await migrate(store);
  await app.register(errorHandler);
  await app.register(finiteNumbers);
  await app.register(storableText);
  await app.register(gracefulClose);
  await app.register(connections, { perAddress: network.connectionsPerAddress, exempt: network.exempt });
  await app.register(securityHeaders);
  await app.register(database, { store, owned: !options.store });
  await app.register(hub);
  await app.register(notifier, {
    smtpUrl: options.smtpUrl,
    mailFrom: options.mailFrom,
    pollMs: options.notifierPollMs,
    retryBaseMs: options.notifierRetryBaseMs,
    webhookAllowHosts: options.webhookAllowHosts,
  });
  await app.register(transaction);
  await app.register(staffAlerts);
  await app.register(staffAuth);

  if (options.rateLimitPerMinute !== false) {
    await app.register(rateLimit, {
      max: options.rateLimitPerMinute ?? 600,
      timeWindow: 60_000,
      errorResponseBuilder: (_request, context) => errors.rateLimited(Math.ceil(context.ttl / 1000)),
    });
  }

  await app.register(swagger, {
    openapi: {
      info: { title: 'Sori API', version: '1', description: 'Intake, the reporter’s events and the desk API of Sori.' },
      components: { securitySchemes: DESK_SECURITY_SCHEMES },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  // The shopper side shares CORS for the stores' origins and the site and reporter of a request.
  await app.register(async (shopperSide) => {
    await shopperSide.register(shopper, { sitePerMinute: options.siteRateLimitPerMinute ?? 6000 });
    await shopperSide.register(intakeRoutes);
    await shopperSide.register(reporterRoutes, { heartbeatMs });
  });
  await app.register(deskRoutes, { heartbeatMs, signInAttemptsPerEmail: options.signInAttemptsPerEmail });
  await app.register(consoleRoutes, { consoleDir: options.consoleDir ?? DEFAULT_CONSOLE_DIR });
  await app.register(assetRoutes, { widgetDir: options.widgetDir ?? DEFAULT_WIDGET_DIR });
  await app.register(healthRoutes);
  return app;
}
