import cors from '@fastify/cors';
import { REPORTER_HEADER, SITE_HEADER } from '@sori/protocol';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import parseJson from 'secure-json-parse';
import { wantsEventStream } from '../event-streams.js';
import { SITES_TOPIC } from './hub.js';
import { errors } from '../errors.js';
import { ReporterDirectory } from '../services/reporters.js';
import { SiteDirectory } from '../services/site-directory.js';
import type { Site } from '../services/sites.js';
import { redeemStreamTicket } from '../services/stream-tickets.js';
import { WindowLimiter } from '../services/window-limiter.js';

/** Options of the shopper plugin. */
export interface ShopperOptions {
  /**
   * Shopper-side requests per site per minute, over all addresses, or `false` for no limit.
   * @default 6000
   */
  sitePerMinute?: number | false;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * What a shopper-side route needs known before its handler runs:
     * - `site`: the site, from its key (header or body), checked against the request's `Origin`;
     * - `reporter`: the site and the reporter, from the reporter secret (header, or body for beacons);
     * - `stream`: as `reporter`, but a request for `text/event-stream` names the reporter by a stream
     *   ticket in the query instead (`EventSource` cannot set headers) and needs no site key.
     */
    shopper?: 'site' | 'reporter' | 'stream';
  }
  interface FastifyRequest {
    /** The site of a shopper-side request (routes with `config.shopper`). */
    readonly site: Site;
    /** The reporter of a shopper-side request (routes with `config.shopper` of `reporter` or `stream`). */
    readonly reporterId: string;
  }
}


function fromBody(request: FastifyRequest, name: 'site' | 'reporter'): unknown {
  const body: unknown = request.body;
  return body && typeof body === 'object' ? Object.getOwnPropertyDescriptor(body, name)?.value : undefined;
}

/**
 * What every shopper-side route shares: CORS answered for the sites' allowed origins, beacon
 * bodies read as JSON, a per-site rate limit, and the site and reporter of the request resolved
 * once, before validation, as the route's `config.shopper` asks. Register the shopper-side routes
 * in the same scope as this plugin; the desk keeps its own rules.
 */
export default fp<ShopperOptions>(
  async (app, options) => {
    const sitePerMinute = options.sitePerMinute ?? 6000;
    const sites = new SiteDirectory(app.store.db);
    // A site changed in the console shows at once on this instance, and on the others when they hear of it.
    const stopListening = app.hub.subscribe(SITES_TOPIC, () => sites.clear());
    app.addHook('onClose', async () => stopListening());
    const reporters = new ReporterDirectory(app.store.db);
    const resolved = new WeakMap<FastifyRequest, { site: Site; reporterId?: string }>();

    // Per site, on top of the per-address limit: one store's flood cannot starve the others.
    const siteWindows = sitePerMinute === false ? undefined : new WindowLimiter({ max: sitePerMinute, windowMs: 60_000 });

    function checkOrigin(request: FastifyRequest, site: Site): Site {
      const origin = request.headers.origin;
      if (!origin || !site.origins.includes(origin)) throw errors.originNotAllowed(origin);
      const wait = siteWindows?.hit(site.id);
      if (wait !== undefined) throw errors.rateLimited(wait, 'This site sent too many requests');
      return site;
    }

    async function siteOf(request: FastifyRequest): Promise<Site> {
      const key = request.headers[SITE_HEADER] ?? fromBody(request, 'site');
      if (typeof key !== 'string' || !key) throw errors.unknownSite();
      const site = await sites.byKey(key);
      if (!site) throw errors.unknownSite();
      return checkOrigin(request, site);
    }

    async function byTicket(request: FastifyRequest): Promise<{ site: Site; reporterId: string }> {
      const query: unknown = request.query;
      const ticket = query && typeof query === 'object' && 'ticket' in query ? query.ticket : undefined;
      const found = typeof ticket === 'string' ? await redeemStreamTicket(app.store.db, ticket) : undefined;
      if (!found) throw errors.unauthorized('The stream ticket is unknown or expired: get a new one from POST /v1/reporter/stream-tickets');
      return { site: checkOrigin(request, found.site), reporterId: found.reporterId };
    }

    await app.register(cors, {
      // A preflight carries no site key, so it is answered for any site's origin; the real request
      // is then checked against its own site's list.
      origin: (origin, cb) => {
        if (!origin) return cb(null, false);
        sites.allowedOrigins().then(
          (set) => cb(null, set.has(origin)),
          (error: Error) => cb(error, false),
        );
      },
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', SITE_HEADER, REPORTER_HEADER, 'last-event-id'],
      // An OPTIONS without Access-Control-Request-Method is no preflight a browser sends; answered
      // like one (no body) rather than with the plugin's own text/plain 400, outside the one shape.
      strictPreflight: false,
      // A 429's Retry-After is what the SDK waits by: a page's script may read it only when exposed.
      exposedHeaders: ['retry-after'],
      maxAge: 600,
    });

    // `navigator.sendBeacon` can only send simple content types without a preflight: accept its
    // text/plain body as the JSON it is, read by the rules of Fastify's own JSON parser (no
    // `__proto__` or `constructor.prototype` keys), and the schemas still check every field.
    app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, parseJson(String(body), null, { protoAction: 'error', constructorAction: 'error' }));
      } catch (error) {
        done(errors.invalid(`The body is not JSON the server takes: ${error instanceof Error ? error.message : String(error)}`), undefined);
      }
    });

    // Before validation: who is asking comes before what they sent. The site key of a beacon is
    // in its body, which is parsed by now.
    app.addHook('preValidation', async (request) => {
      const needs = request.routeOptions.config.shopper;
      if (!needs) return;
      if (needs === 'stream' && wantsEventStream(request)) {
        resolved.set(request, await byTicket(request));
        return;
      }
      const site = await siteOf(request);
      if (needs === 'site') {
        resolved.set(request, { site });
        return;
      }
      const secret = request.headers[REPORTER_HEADER] ?? fromBody(request, 'reporter');
      resolved.set(request, { site, reporterId: await reporters.idOf(site.id, secret) });
    });

    const unresolved = (request: FastifyRequest, what: string) =>
      new Error(`${request.method} ${request.routeOptions.url} reads request.${what} but its config.shopper does not ask for it`);
    app.decorateRequest('site', {
      getter(this: FastifyRequest): Site {
        const found = resolved.get(this);
        if (!found) throw unresolved(this, 'site');
        return found.site;
      },
    });
    app.decorateRequest('reporterId', {
      getter(this: FastifyRequest): string {
        const reporterId = resolved.get(this)?.reporterId;
        if (!reporterId) throw unresolved(this, 'reporterId');
        return reporterId;
      },
    });
  },
  { name: 'sori-shopper', dependencies: ['sori-database', 'sori-hub'] },
);
