#!/usr/bin/env node
import { buildApp } from './app.js';
import { loggerOptions } from './logger.js';
import { optionsFromEnv, SettingError } from './settings.js';

/**
 * Starts the server from the environment: `PORT`, `HOST`, and what {@link optionsFromEnv} reads
 * (`DATABASE_URL`, `TRUST_PROXY`, `SMTP_URL`, `MAIL_FROM`, `WEBHOOK_ALLOW_HOSTS`,
 * `CONNECTIONS_PER_ADDRESS`). A setting that is not what it must be stops it with a sentence saying so.
 */
const port = Number(process.env['PORT'] ?? 8787);
const host = process.env['HOST'] ?? '0.0.0.0';
let settings;
try {
  settings = optionsFromEnv(process.env);
} catch (error) {
  if (!(error instanceof SettingError)) throw error;
  process.stderr.write(`sori: ${error.message}\n`);
  process.exit(1);
}
const app = await buildApp({ ...settings, logger: loggerOptions() });

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
