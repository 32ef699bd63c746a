import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ADMIN_PATHS, AdminSite, AdminSiteList, ErrorBody, IdParams, SiteCreateInput, SiteUpdateInput } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import { SITES_TOPIC } from '../../plugins/hub.js';
import { createAdminSite, findAdminSite, listAdminSites, updateAdminSite } from '../../services/site-settings.js';

const admin = { role: 'admin' } as const;

/** Sites and every setting of theirs, as their owner edits them (admins only). */
export default async function siteSettingsRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    ADMIN_PATHS.sites,
    { config: admin, schema: { summary: 'Every site with its key, origins and settings', response: { 200: AdminSiteList, '4xx': ErrorBody } } },
    async () => ({ sites: await listAdminSites(app.store.db) }),
  );

  app.post(
    ADMIN_PATHS.sites,
    { config: admin, schema: { summary: 'Add a site; its public key is made for it', body: SiteCreateInput, response: { 201: AdminSite, '4xx': ErrorBody } } },
    async (request, reply) => {
      const site = await createAdminSite(app.store.db, request.body, request.user);
      app.hub.publish(SITES_TOPIC);
      return reply.code(201).send(site);
    },
  );

  app.get(
    '/v1/desk/admin/sites/:id',
    { config: admin, schema: { summary: 'One site (by id or public key) with its settings', params: IdParams, response: { 200: AdminSite, '4xx': ErrorBody } } },
    async (request) => findAdminSite(app.store.db, request.params.id),
  );

  app.patch(
    '/v1/desk/admin/sites/:id',
    {
      config: admin,
      schema: {
        summary: "Change a site: name, origins added or removed, any setting replaced (null: its default); the widget sees it on its next GET /v1/site",
        params: IdParams,
        body: SiteUpdateInput,
        response: { 200: AdminSite, '4xx': ErrorBody },
      },
    },
    async (request) => {
      const site = await updateAdminSite(app.store.db, request.params.id, request.body, request.user);
      app.hub.publish(SITES_TOPIC);
      return site;
    },
  );
}
