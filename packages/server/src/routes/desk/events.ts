import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, HEARTBEAT_EVENT, IdParams, PRESENCE_EVENT, PresenceInput, STREAM_EVENT, StaffEventsQuery, StaffEventsResponse, type Presence } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { EventStreams, lastEventId, wantsEventStream, type Send } from '../../event-streams.js';
import { STAFF_TOPIC } from '../../plugins/hub.js';
import { PresenceBoard } from '../../services/presence.js';
import { newestEventId, staffEventsAfter } from '../../services/staff-events.js';

/** Options of {@link staffEventRoutes}. */
export interface StaffEventRouteOptions {
  /** @default 15000 */
  heartbeatMs?: number;
}

/** How often presences that were not renewed are dropped, in ms. */
const SWEEP_MS = 5000;

/**
 * The staff event stream, `GET /v1/desk/events` (JSON after a cursor, or Server-Sent Events with
 * `Accept: text/event-stream`), and presence: who is viewing or replying to a submission, told to
 * every open staff stream as it changes. Presence lives on this instance only.
 */
export default async function staffEventRoutes(fastify: FastifyInstance, options: StaffEventRouteOptions): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const streams = new EventStreams(app, options.heartbeatMs ?? 15_000);
  const listeners = new Set<Send>();
  const board = new PresenceBoard();
  const tell = (presence: Presence) => {
    for (const send of listeners) send(PRESENCE_EVENT, presence);
  };
  const sweeper = setInterval(() => board.sweep().forEach(tell), SWEEP_MS);
  sweeper.unref();
  app.addHook('preClose', async () => {
    clearInterval(sweeper);
    streams.endAll();
  });

  app.get(
    '/v1/desk/events',
    {
      schema: {
        summary: 'Every timeline event after a cursor, each with its submission: JSON, or a Server-Sent Events stream with Accept: text/event-stream',
        description:
          `As a stream, each event comes as "event: ${STREAM_EVENT}" with its id (resume with Last-Event-ID or ?after=), presence changes as ` +
          `"event: ${PRESENCE_EVENT}" and a "event: ${HEARTBEAT_EVENT}" every 15 s. As JSON without "after", it answers no events and the newest cursor: where to start.`,
        querystring: StaffEventsQuery,
        response: { 200: StaffEventsResponse, '4xx': ErrorBody },
      },
    },
    async (request, reply) => {
      const after = request.query.after;
      const user = request.user;
      const source = { topic: STAFF_TOPIC, read: (cursor: number, limit: number) => staffEventsAfter(app.store.db, cursor, limit, user) };
      if (wantsEventStream(request)) {
        const cursor = lastEventId(request) ?? after ?? (await newestEventId(app.store.db));
        return streams.stream(request, reply, source, cursor, (send) => {
          for (const presence of board.all()) send(PRESENCE_EVENT, presence);
          listeners.add(send);
          return () => listeners.delete(send);
        });
      }
      if (after === undefined) return { events: [], cursor: await newestEventId(app.store.db) };
      const events = await source.read(after, request.query.limit ?? 500);
      return { events, cursor: events.at(-1)?.id ?? after };
    },
  );

  app.put(
    '/v1/desk/submissions/:id/presence',
    {
      schema: {
        summary: 'Say you are viewing or replying to a submission (again every ~10 s while it lasts), or that you left',
        params: IdParams,
        body: PresenceInput,
        response: { 204: Type.Null(), '4xx': ErrorBody },
      },
    },
    async (request, reply) => {
      const changed = board.set(request.params.id, request.user, request.body.state);
      if (changed) tell(changed);
      return reply.code(204).send(null);
    },
  );
}
