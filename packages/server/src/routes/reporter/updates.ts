import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, PATHS, StreamTicket, UpdatesQuery } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import { errors } from '../../errors.js';
import { randomToken, sha256 } from '../../services/secrets.js';
import { publicEventsAfter } from '../../services/timeline.js';

/** A ticket opens streams for this long; `EventSource` reconnects reuse it until then. */
const TICKET_TTL_MS = 5 * 60_000;
/** A comment line this often keeps proxies from closing an idle stream (DESIGN.md: ~15 s). */
const HEARTBEAT_MS = 15_000;

/** Options of {@link updateRoutes}. */
export interface UpdateRouteOptions {
  /** @default 15000 */
  heartbeatMs?: number;
}

/**
 * The live update stream: `POST /v1/reporter/stream-tickets` trades the reporter secret (a header)
 * for a short-lived ticket that may sit in an `EventSource` URL, then `GET /v1/reporter/updates`
 * streams the reporter's public events after `Last-Event-ID` as Server-Sent Events.
 */
export default async function updateRoutes(fastify: FastifyInstance, options: UpdateRouteOptions): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const open = new Set<ServerResponse>();

  // Open streams never hold up a shutdown: they are ended first, and browsers reconnect elsewhere.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  app.post(
    PATHS.streamTickets,
    { schema: { summary: 'A short-lived ticket for the update stream', response: { 200: StreamTicket, '4xx': ErrorBody } } },
    async (request) => {
      const site = await app.resolveSite(request);
      const reporterId = await app.resolveReporter(request, site);
      const ticket = randomToken('st_');
      const now = Date.now();
      const expiresAt = new Date(now + TICKET_TTL_MS).toISOString();
      await app.store.db.deleteFrom('stream_tickets').where('expires_at', '<', new Date(now).toISOString()).execute();
      await app.store.db
        .insertInto('stream_tickets')
        .values({ ticket_hash: sha256(ticket), reporter_id: reporterId, expires_at: expiresAt })
        .execute();
      return { ticket, expiresAt };
    },
  );

  app.get(
    PATHS.updates,
    { schema: { summary: 'Server-Sent Events of the reporter’s public timeline', querystring: UpdatesQuery, response: { '4xx': ErrorBody } } },
    async (request, reply) => {
      const found = await app.store.db
        .selectFrom('stream_tickets')
        .innerJoin('reporters', 'reporters.id', 'stream_tickets.reporter_id')
        .innerJoin('sites', 'sites.id', 'reporters.site_id')
        .select(['stream_tickets.reporter_id', 'stream_tickets.expires_at', 'sites.origins'])
        .where('stream_tickets.ticket_hash', '=', sha256(request.query.ticket))
        .executeTakeFirst();
      if (!found || found.expires_at < new Date().toISOString()) {
        throw errors.unauthorized('The stream ticket is unknown or expired: get a new one from POST /v1/reporter/stream-tickets');
      }
      const origin = request.headers.origin;
      if (!origin || !(JSON.parse(found.origins) as string[]).includes(origin)) throw errors.originNotAllowed(origin);

      const reporterId = found.reporter_id;
      const header = Number(request.headers['last-event-id']);
      let cursor = Number.isSafeInteger(header) && header >= 0 ? header : (request.query.lastEventId ?? 0);

      reply.hijack();
      const res = reply.raw;
      // A hijacked reply skips Fastify's sending: carry over what hooks set (CORS, security headers).
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value !== undefined) res.setHeader(name, value);
      }
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      res.write('retry: 3000\n\n');
      open.add(res);

      // One read at a time per stream; news during a read asks for one more read after it.
      let reading = false;
      let again = false;
      const pump = async (): Promise<void> => {
        if (reading) {
          again = true;
          return;
        }
        reading = true;
        try {
          do {
            again = false;
            const events = await publicEventsAfter(app.store.db, reporterId, cursor);
            for (const event of events) {
              res.write(`id: ${event.id}\nevent: update\ndata: ${JSON.stringify(event)}\n\n`);
              cursor = event.id;
            }
            if (events.length === 500) again = true;
          } while (again && !res.destroyed);
        } catch (error) {
          request.log.error({ err: error }, 'update stream read failed');
          res.end();
        } finally {
          reading = false;
        }
      };

      const unsubscribe = app.hub.subscribe(reporterId, () => void pump());
      const heartbeat = setInterval(() => res.write(': ping\n\n'), options.heartbeatMs ?? HEARTBEAT_MS);
      res.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(res);
      });
      await pump();
    },
  );
}
