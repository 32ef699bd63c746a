import fp from 'fastify-plugin';
import { Notifier } from '../services/notifier.js';

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
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The notification worker; the unit of work wakes it after a commit that queued notifications. */
    notifier: Notifier;
  }
}

/** Decorates the app with the notification worker, started when the app is ready and stopped on close. */
export default fp<NotifierPluginOptions>(
  async (app, options) => {
    const notifier = new Notifier(app.store, {
      smtpUrl: options.smtpUrl,
      from: options.mailFrom,
      ...(options.pollMs ? { pollMs: options.pollMs } : {}),
      ...(options.retryBaseMs ? { retryBaseMs: options.retryBaseMs } : {}),
      log: app.log,
    });
    app.decorate('notifier', notifier);
    app.addHook('onReady', async () => notifier.start());
    app.addHook('onClose', () => notifier.stop());
  },
  { name: 'sori-notifier', dependencies: ['sori-database'] },
);
