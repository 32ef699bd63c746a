import { STREAM_EVENT } from '@sori/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { publicEventsAfter } from '../../services/timeline.js';

/** Events read per query; a full page asks for the next one straight away. */
const PAGE = 500;
/** How long a browser waits before reconnecting a dropped stream, in ms. */
const RETRY_MS = 3000;

/**
 * The open Server-Sent Events streams of one app. Each sends a reporter's public events after a
 * cursor, then each new one as the hub says a commit added some. Streams never hold up a shutdown:
 * {@link EventStreams.endAll} ends them and browsers reconnect elsewhere.
 */
export class EventStreams {
  private readonly open = new Set<ServerResponse>();

  constructor(
    private readonly app: FastifyInstance,
    private readonly heartbeatMs: number,
  ) {}

  endAll(): void {
    for (const res of this.open) res.end();
  }

  /** Takes the reply over and streams the reporter's public events after `cursor`. */
  async stream(request: FastifyRequest, reply: FastifyReply, reporterId: string, cursor: number): Promise<void> {
    reply.hijack();
    const res = reply.raw;
    // A hijacked reply skips Fastify's sending: carry over what hooks set (CORS, security headers).
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) res.setHeader(name, value);
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // nginx buffers proxied answers unless told not to; a buffered stream is no stream.
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    res.write(`retry: ${RETRY_MS}\n\n`);
    this.open.add(res);

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
          const events = await publicEventsAfter(this.app.store.db, reporterId, cursor, PAGE);
          for (const event of events) {
            res.write(`id: ${event.id}\nevent: ${STREAM_EVENT}\ndata: ${JSON.stringify(event)}\n\n`);
            cursor = event.id;
          }
          if (events.length === PAGE) again = true;
        } while (again && !res.destroyed);
      } catch (error) {
        request.log.error({ err: error }, 'event stream read failed');
        res.end();
      } finally {
        reading = false;
      }
    };

    const unsubscribe = this.app.hub.subscribe(reporterId, () => void pump());
    const heartbeat = setInterval(() => res.write(': ping\n\n'), this.heartbeatMs);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(res);
    });
    await pump();
  }
}
