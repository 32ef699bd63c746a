import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, EventsQuery, EventsResponse, PATHS, ReporterItemsQuery, ReporterItemsResponse } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import { reporterItems } from '../../services/reporter-items.js';
import { publicEventsAfter } from '../../services/timeline.js';

/** The reporter's own items and the polling form of the update stream. */
export default async function reporterItemRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    PATHS.items,
    {
      schema: {
        summary: "The reporter's items changed after a cursor, with their public timelines",
        querystring: ReporterItemsQuery,
        response: { 200: ReporterItemsResponse, '4xx': ErrorBody },
      },
    },
    async (request) => {
      const site = await app.resolveSite(request);
      const reporterId = await app.resolveReporter(request, site);
      return reporterItems(app.store.db, reporterId, request.query.since ?? 0);
    },
  );

  app.get(
    PATHS.events,
    {
      schema: {
        summary: 'Public events after a cursor: the polling fallback of the update stream',
        querystring: EventsQuery,
        response: { 200: EventsResponse, '4xx': ErrorBody },
      },
    },
    async (request) => {
      const site = await app.resolveSite(request);
      const reporterId = await app.resolveReporter(request, site);
      const after = request.query.after ?? 0;
      const events = await publicEventsAfter(app.store.db, reporterId, after, request.query.limit ?? 500);
      return { events, cursor: events.at(-1)?.id ?? after };
    },
  );
}
