#!/usr/bin/env node
import { buildApp } from './app.js';
import { loggerOptions } from './logger.js';

/** Starts the server from the environment: `PORT`, `HOST`, `DATABASE_URL`. */
const port = Number(process.env['PORT'] ?? 8787);
const host = process.env['HOST'] ?? '0.0.0.0';
const app = await buildApp({
  databaseUrl: process.env['DATABASE_URL'] ?? 'sqlite:./data/sori.db',
  logger: loggerOptions(),
  trustProxy: process.env['TRUST_PROXY'] === '1',
  smtpUrl: process.env['SMTP_URL'],
  mailFrom: process.env['MAIL_FROM'],
});

// Graceful shutdown: stop taking connections, end update streams, let requests in flight finish.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}

await app.listen({ port, host });
