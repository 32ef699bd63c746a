import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Options of {@link assetRoutes}. */
export interface AssetRouteOptions {
  /** The widget's build output: `sori.js` and the `sori/` chunk folder. */
  widgetDir: string;
}

/**
 * The widget's files for any store's page: `/sori.js` (the loader: short cache, so a new release
 * reaches pages within minutes) and `/sori/*` (content-hashed chunks: cached for a year). Both are
 * sent brotli- or gzip-compressed (files the widget build made) when the browser accepts it.
 */
export default async function assetRoutes(app: FastifyInstance, { widgetDir }: AssetRouteOptions): Promise<void> {
  if (!existsSync(join(widgetDir, 'sori.js'))) {
    app.log.warn({ widgetDir }, 'widget build not found: /sori.js is not served (run pnpm build)');
    return;
  }
  const crossOrigin = (reply: FastifyReply) => {
    // Store pages on other origins load these; module chunks are fetched in CORS mode.
    reply.header('cross-origin-resource-policy', 'cross-origin').header('access-control-allow-origin', '*');
  };
  await app.register(fastifyStatic, {
    root: join(widgetDir, 'sori'),
    prefix: '/sori/',
    immutable: true,
    maxAge: '365d',
    // The build writes .br and .gz beside each file: sent to browsers that accept them.
    preCompressed: true,
    setHeaders: crossOrigin,
  });
  app.get('/sori.js', (_request, reply) => {
    crossOrigin(reply);
    return reply.header('cache-control', 'public, max-age=300').sendFile('sori.js', widgetDir, { maxAge: 0, cacheControl: false });
  });
}
