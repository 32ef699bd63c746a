import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Options of {@link consoleRoutes}. */
export interface ConsoleRouteOptions {
  /** The console's build output: `index.html` and the hashed `assets/`. */
  consoleDir: string;
}

/**
 * What a console page may load and talk to: its own files and the desk API, nothing inline, no
 * frames. Shopper text is rendered as text by the console; this is the net under it.
 */
const CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * The staff console at `/console/`: hashed assets cached for a year, and `index.html` (never
 * cached) for every other path under it, since its routes (`/console/submissions/:id`, …) are the
 * page's own. `/` sends people there.
 */
export default async function consoleRoutes(app: FastifyInstance, { consoleDir }: ConsoleRouteOptions): Promise<void> {
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/console/'));
  if (!existsSync(join(consoleDir, 'index.html'))) {
    app.log.warn({ consoleDir }, 'console build not found: /console/ is not served (run pnpm build)');
    return;
  }
  await app.register(fastifyStatic, {
    root: join(consoleDir, 'assets'),
    prefix: '/console/assets/',
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
    // The build's source maps stay on the server.
    allowedPath: (path) => !path.endsWith('.map'),
  });
  const html = await readFile(join(consoleDir, 'index.html'));
  const page = (_request: unknown, reply: FastifyReply) =>
    reply.header('content-security-policy', CONSOLE_CSP).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  app.get('/console', { schema: { hide: true } }, (_request, reply) => reply.redirect('/console/'));
  app.get('/console/', { schema: { hide: true } }, page);
  app.get('/console/*', { schema: { hide: true } }, page);
}
