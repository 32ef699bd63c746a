import type { FastifyServerOptions } from 'fastify';
import type { ServerOptions } from 'node:http';
import { addressMatcher, expandRanges, isAddressOrRange } from './addresses.js';

/**
 * Which `X-Forwarded-For` hops to believe: how many proxies stand in front (`1`, `2`), or the
 * proxies' addresses and CIDRs (`['10.0.0.0/8']`); `false` for none. Never the whole chain.
 */
export type TrustProxy = number | readonly string[] | false;

/** How the server takes connections: what is in front of it, and how long and how many it lets a client hold. */
export interface NetworkOptions {
  /**
   * The proxies in front, whose `X-Forwarded-For` entries are believed (for client addresses in
   * rate limits): a hop count, or their addresses and CIDRs (safer: a hop count believes whoever
   * connects, so the server must then be reachable only through those proxies).
   * @default false
   * @example 1
   * @example ['10.0.0.0/8', '::1']
   */
  trustProxy?: TrustProxy;
  /**
   * Open connections one address may hold; more are closed as they open. Trusted proxies are not
   * counted (with a hop count, no peer is). `false` for no cap.
   * @default 64
   */
  connectionsPerAddress?: number | false;
  /**
   * How long a client may take to send a request's headers, in ms.
   * @default 10000
   */
  headersTimeoutMs?: number;
  /**
   * How long a client may take to send a whole request, body included, in ms. An event stream is
   * not cut by it: its request is complete once its headers are in, and heartbeats keep it going.
   * @default 30000
   */
  requestTimeoutMs?: number;
  /**
   * How long a kept-alive connection waits for its next request, in ms; longer than the idle
   * timeout of the load balancers in front (60 s for most), so that they close first.
   * @default 72000
   */
  keepAliveTimeoutMs?: number;
  /**
   * How long a connection may go without a byte either way while a request is open, in ms; must
   * be longer than the event streams' heartbeat.
   * @default 60000
   */
  idleTimeoutMs?: number;
}

/** Fastify's `trustProxy` for ours: hop counts as a function, since Fastify 5.12 takes a bare number as "trust nobody". */
function fastifyTrustProxy(trust: TrustProxy): NonNullable<FastifyServerOptions['trustProxy']> {
  if (trust === false) return false;
  if (typeof trust === 'number') {
    if (!Number.isInteger(trust) || trust < 1) throw new Error(`trustProxy must be a whole number of hops (1, 2) or a list of addresses, not ${trust}`);
    return (_address: string, hop: number) => hop < trust;
  }
  const wrong = trust.find((entry) => !isAddressOrRange(entry));
  if (wrong !== undefined) throw new Error(`trustProxy lists addresses and CIDRs (10.0.0.0/8, ::1); "${wrong}" is not one`);
  return expandRanges(trust);
}

/** What Fastify and Node's HTTP server are built with for `options`, and which peers the connection cap leaves alone. */
export function networkSettings(options: NetworkOptions, heartbeatMs: number) {
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const idleTimeout = options.idleTimeoutMs ?? 60_000;
  if (idleTimeout <= heartbeatMs) throw new Error(`idleTimeoutMs (${idleTimeout}) must be longer than the heartbeat (${heartbeatMs} ms), or event streams are cut`);
  const trust = options.trustProxy ?? false;
  const fastify = {
    trustProxy: fastifyTrustProxy(trust),
    requestTimeout,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 72_000,
    connectionTimeout: idleTimeout,
    http: {
      headersTimeout,
      requestTimeout,
      // Node looks for requests past their time this often (30 s unless told), so a timeout is
      // kept within a tenth of itself.
      connectionsCheckingInterval: Math.max(50, Math.min(headersTimeout, requestTimeout) / 10),
    },
  } satisfies Partial<FastifyServerOptions> & { http: ServerOptions };
  const exempt: (address: string) => boolean = typeof trust === 'number' ? () => true : addressMatcher(trust || []);
  return { fastify, exempt, connectionsPerAddress: options.connectionsPerAddress ?? 64 };
}
