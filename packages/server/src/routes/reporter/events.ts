import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, EventsQuery, EventsResponse, PATHS, STREAM_EVENT } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import { publicEventsAfter, publicEventsAfterEach } from '../../services/timeline.js';
import { EventStreams, lastEventId, wantsEventStream } from '../../event-streams.js';
import { SharedReads } from '../../shared-reads.js';

/** Options of {@link eventRoutes}. */
export interface EventRouteOptions {
  /**
   * A heartbeat event this often keeps proxies from closing an idle stream and tells the client
   * the stream is alive (DESIGN.md: ~15 s).
   * @default 15000
   */
  heartbeatMs?: number;
}

/**
 * `GET /v1/reporter/events`, one resource in two forms: JSON, the reporter's public events after
 * `after` (the secret in its header); or, asked with `Accept: text/event-stream`, the same events
 * as a live Server-Sent Events stream (a stream ticket in the query, resuming after
 * `Last-Event-ID` or `after`).
 */
export default async function eventRoutes(fastify: FastifyInstance, options: EventRouteOptions): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const streams = new EventStreams(app, options.heartbeatMs ?? 15_000);
  app.addHook('preClose', async () => streams.endAll());
  // A reporter's topic is its id: the streams one commit woke read their reporters' events with one query.
  const reads = new SharedReads((all) => publicEventsAfterEach(app.store.db, all.map(({ topic, cursor, limit }) => ({ reporterId: topic, after: cursor, limit }))));

  app.get(
    PATHS.events,
    {
      config: { shopper: 'stream' },
      schema: {
        summary: "The reporter's public events after a cursor: JSON, or a Server-Sent Events stream with Accept: text/event-stream",
        description:
          'As JSON, send the reporter secret in x-sori-reporter. As a stream (EventSource cannot set headers), send a ticket from ' +
          `POST ${PATHS.streamTickets} as ?ticket=; each event comes as "event: ${STREAM_EVENT}" with its id, and the stream resumes after Last-Event-ID.`,
        querystring: EventsQuery,
        response: { 200: EventsResponse, '4xx': ErrorBody },
      },
    },
    async (request, reply) => {
      const after = request.query.after ?? 0;
      if (wantsEventStream(request)) {
        return streams.stream(request, reply, reads.source(request.reporterId), lastEventId(request) ?? after);
      }
      const events = await publicEventsAfter(app.store.db, request.reporterId, after, request.query.limit ?? 500);
      return { events, cursor: events.at(-1)?.id ?? after };
    },
  );
}
