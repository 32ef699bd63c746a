import fp from 'fastify-plugin';
import { Notifier } from '../services/notifier.js';

/** Options of the notifier plugin (see {@link Notifier}). */
export interface NotifierPluginOptions {
  smtpUrl?: string | undefined;
  mailFrom?: string | undefined;
  pollMs?: number | undefined;
  retryBaseMs?: number | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The outbox worker: `kick()` it after a commit that queued notifications. */
    notifier: Notifier;
  }
}

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
