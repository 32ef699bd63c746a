import fp from 'fastify-plugin';
import { Notifier } from '../services/notifier.js';
import { WebhookTargets } from '../services/webhook-targets.js';

/** Options of the notifier plugin (see {@link Notifier}). */
export interface NotifierPluginOptions {
  /** SMTP server for shopper emails; unset, emails wait until it is set. */
  smtpUrl?: string | undefined;
  /** @default 'Sori <no-reply@localhost>' */
  mailFrom?: string | undefined;
  /** How often the worker looks for due notifications, in ms. @default 1000 */
  pollMs?: number | undefined;
  /** First retry delay of a failed delivery, in ms (doubles per attempt). @default 5000 */
  retryBaseMs?: number | undefined;
  /** Hosts webhooks may call though they resolve to an internal address. @default [] */
  webhookAllowHosts?: readonly string[] | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The notification worker; the unit of work wakes it after a commit that queued notifications. */
    notifier: Notifier;
    /** Where webhooks may go: what adding one checks, and what the worker checks before each call. */
    webhookTargets: WebhookTargets;
  }
}

/** Decorates the app with the notification worker, started when the app is ready and stopped on close, and where webhooks may go. */
export default fp<NotifierPluginOptions>(
  async (app, options) => {
    const webhookTargets = new WebhookTargets(options.webhookAllowHosts);
    const notifier = new Notifier(app.store, {
      smtpUrl: options.smtpUrl,
      from: options.mailFrom,
      webhookTargets,
      ...(options.pollMs ? { pollMs: options.pollMs } : {}),
      ...(options.retryBaseMs ? { retryBaseMs: options.retryBaseMs } : {}),
      log: app.log,
    });
    app.decorate('notifier', notifier);
    app.decorate('webhookTargets', webhookTargets);
    app.addHook('onReady', async () => notifier.start());
    app.addHook('onClose', () => notifier.stop());
  },
  { name: 'sori-notifier', dependencies: ['sori-database'] },
);
