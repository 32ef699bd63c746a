import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, PATHS, SiteConfig } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import { siteConfig } from '../../services/sites.js';

/** `GET /v1/site`: what the widget needs to know about its site. */
export default async function siteRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    PATHS.site,
    {
      config: { shopper: 'site' },
      schema: { summary: "The site's kinds, products and SLA targets", response: { 200: SiteConfig, '4xx': ErrorBody } },
    },
    async (request) => siteConfig(request.site),
  );
}
