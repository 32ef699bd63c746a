import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DeskSites, ErrorBody } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import { deskSites } from '../../services/sites.js';

/** The sites as the console needs them: kinds, products and departments to classify and route with. */
export default async function siteRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/v1/desk/sites',
    { schema: { summary: 'Sites, with the kinds, products and departments their submissions can have', response: { 200: DeskSites, '4xx': ErrorBody } } },
    async (request) => ({ sites: await deskSites(app.store.db, request.user) }),
  );
}
