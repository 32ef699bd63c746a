import { HEARTBEAT_EVENT, STREAM_EVENT } from '@sori/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';

/** Events read per query; a full page asks for the next one straight away. */
const PAGE = 500;
/** How long a browser waits before reconnecting a dropped stream, in ms. */
const RETRY_MS = 3000;

/**
 * What one kind of stream sends: events with growing ids after a cursor, and when to look again.
 * The streams of one kind may share their reads (`shared-reads.ts`): a commit then costs one query, not one per stream.
 */
export interface StreamSource<E extends { id: number }> {
  /** Events after `cursor`, oldest first, at most `limit`. */
  read(cursor: number, limit: number): Promise<E[]>;
  /** The hub topic that says a commit may have added some. */
  topic: string;
}

/** Sends one Server-Sent Event without an id (not history: presence, say) on an open stream. */
export type Send = (event: string, data: unknown) => void;

/** Whether a request asks for the Server-Sent Events form of a resource. */
export function wantsEventStream(request: FastifyRequest): boolean {
  return request.headers.accept?.includes('text/event-stream') ?? false;
}

/** The cursor a reconnecting `EventSource` sends, when it is one. */
export function lastEventId(request: FastifyRequest): number | undefined {
  const header = request.headers['last-event-id'];
  const id = typeof header === 'string' && header !== '' ? Number(header) : Number.NaN;
  return Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}

/**
 * The open Server-Sent Events streams of one app: the reporters' and the staff's. Each sends its
 * events after a cursor, then each new one as the hub says a commit added some, with a heartbeat
 * event every so often (an event, not a comment, so that a client sees it and can tell a dead
 * stream from a quiet one). Streams never hold up a shutdown: {@link EventStreams.endAll} ends
 * them, and browsers reconnect elsewhere.
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

  /**
   * Takes the reply over and streams `source`'s events after `cursor`. `opened`, when given, gets
   * a way to send events without an id on this stream and one to end it, and answers what to do
   * when it closes.
   */
  async stream<E extends { id: number }>(
    request: FastifyRequest,
    reply: FastifyReply,
    source: StreamSource<E>,
    cursor: number,
    opened?: (send: Send, end: () => void) => () => void,
  ): Promise<void> {
    reply.hijack();
    const res = reply.raw;
    // A hijacked reply skips Fastify's sending: carry over what hooks set (CORS, security headers).
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) res.setHeader(name, value);
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      // nginx buffers proxied answers unless told not to; a buffered stream is no stream.
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    res.write(`retry: ${RETRY_MS}\n\n`);
    this.open.add(res);
    const send: Send = (event, data) => void res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

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
          const events = await source.read(cursor, PAGE);
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

    const unsubscribe = this.app.hub.subscribe(source.topic, () => void pump());
    const heartbeat = setInterval(() => send(HEARTBEAT_EVENT, { at: new Date().toISOString() }), this.heartbeatMs);
    const closed = opened?.(send, () => res.end());
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      closed?.();
      this.open.delete(res);
    });
    await pump();
  }
}
