import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, HEARTBEAT_EVENT, IdParams, PRESENCE_EVENT, PresenceInput, STREAM_EVENT, StaffEventsQuery, StaffEventsResponse, type Presence } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { EventStreams, lastEventId, wantsEventStream, type Send } from '../../event-streams.js';
import { ACCESS_TOPIC, STAFF_TOPIC } from '../../plugins/hub.js';
import { stillSignedIn } from '../../plugins/staff-auth.js';
import { PresenceBoard } from '../../services/presence.js';
import { newestEventId, staffEventsAfter } from '../../services/staff-events.js';
import { canSeeSite } from '../../services/site-scope.js';
import type { User } from '../../services/users.js';
import { errors } from '../../errors.js';

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
  /** Each open stream, with its user: presence on a submission is told only to those who may see its site. */
  const listeners = new Map<Send, User>();
  /** How to end each open stream whose credentials stop signing anyone in. */
  const checks = new Map<Send, () => Promise<void>>();
  const checkAll = () => {
    for (const check of checks.values()) void check();
  };
  // Disabling a user, revoking a token or ending a session ends their open streams: at once on
  // this instance (and on others through NOTIFY), and within a heartbeat when changed elsewhere (the CLI).
  const unsubscribeAccess = app.hub.subscribe(ACCESS_TOPIC, checkAll);
  const accessTimer = setInterval(checkAll, options.heartbeatMs ?? 15_000);
  accessTimer.unref();
  const board = new PresenceBoard();
  /** The site of each submission someone is present on (presence is short-lived; so is this). */
  const siteOf = new Map<string, string>();
  const visibleTo = (user: User, presence: Presence) => {
    const siteId = siteOf.get(presence.submissionId);
    return siteId !== undefined && canSeeSite(user, siteId);
  };
  const tell = (presence: Presence) => {
    for (const [send, user] of listeners) if (visibleTo(user, presence)) send(PRESENCE_EVENT, presence);
    if (presence.users.length === 0) siteOf.delete(presence.submissionId);
  };
  const sweeper = setInterval(() => board.sweep().forEach(tell), SWEEP_MS);
  sweeper.unref();
  app.addHook('preClose', async () => {
    clearInterval(sweeper);
    clearInterval(accessTimer);
    unsubscribeAccess();
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
        return streams.stream(request, reply, source, cursor, (send, end) => {
          for (const presence of board.all()) if (visibleTo(user, presence)) send(PRESENCE_EVENT, presence);
          listeners.set(send, user);
          checks.set(send, async () => {
            if (!(await stillSignedIn(request))) end();
          });
          return () => {
            listeners.delete(send);
            checks.delete(send);
          };
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
      const row = await app.store.db.selectFrom('submissions').select('site_id').where('id', '=', request.params.id).executeTakeFirst();
      if (!row || !canSeeSite(request.user, row.site_id)) throw errors.notFound(`Submission ${request.params.id}`);
      siteOf.set(request.params.id, row.site_id);
      const changed = board.set(request.params.id, request.user, request.body.state);
      if (changed) tell(changed);
      return reply.code(204).send(null);
    },
  );
}
