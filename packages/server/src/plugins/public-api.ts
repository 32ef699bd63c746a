import cors from '@fastify/cors';
import { REPORTER_HEADER, SITE_HEADER } from '@sori/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, errors } from '../errors.js';
import { ReporterDirectory } from '../services/reporters.js';
import { allAllowedOrigins, findSiteByKey, type Site } from '../services/sites.js';

/** How long site lookups are cached; a new origin takes at most this long to be allowed. */
const CACHE_MS = 10_000;

/**
 * What every shopper-side route shares: CORS answered for the sites' allowed origins, and the
 * site and reporter of a request. Register the public routes inside this plugin's scope.
 */
export async function publicApi(app: FastifyInstance, options: { sitePerMinute: number | false }): Promise<void> {
  let origins: { at: number; set: Promise<Set<string>> } | undefined;
  const sites = new Map<string, { at: number; site: Promise<Site | undefined> }>();
  const reporters = new ReporterDirectory(app.store.db);
  // Per site, on top of the per-address limit: one store's flood cannot starve the others.
  const siteWindows = new Map<string, { start: number; count: number }>();
  function countSiteRequest(siteId: string): void {
    if (options.sitePerMinute === false) return;
    const now = Date.now();
    let window = siteWindows.get(siteId);
    if (!window || now - window.start >= 60_000) siteWindows.set(siteId, (window = { start: now, count: 0 }));
    if (++window.count > options.sitePerMinute) {
      const retryAfter = Math.ceil((window.start + 60_000 - now) / 1000);
      throw new ApiError('rate_limited', 429, `This site sent too many requests: try again in ${retryAfter} s`, undefined, retryAfter);
    }
  }

  function allowedOrigins(): Promise<Set<string>> {
    if (!origins || Date.now() - origins.at > CACHE_MS) {
      origins = { at: Date.now(), set: allAllowedOrigins(app.store.db) };
    }
    return origins.set;
  }

  function siteByKey(key: string): Promise<Site | undefined> {
    const hit = sites.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.site;
    const site = findSiteByKey(app.store.db, key);
    sites.set(key, { at: Date.now(), site });
    return site;
  }

  await app.register(cors, {
    // A preflight carries no site key, so it is answered for any site's origin; the real request
    // is then checked against its own site's list in `site()`.
    origin: (origin, cb) => {
      if (!origin) return cb(null, false);
      allowedOrigins().then(
        (set) => cb(null, set.has(origin)),
        (error: Error) => cb(error, false),
      );
    },
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', SITE_HEADER, REPORTER_HEADER, 'last-event-id'],
    maxAge: 600,
  });

  /** Resolves and checks the site of a public request: its key, then its origin. */
  // `navigator.sendBeacon` can only send simple content types without a preflight: accept its
  // text/plain body as the JSON it is (the schemas still check every field).
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(String(body)));
    } catch {
      done(errors.invalid('The body is not JSON'), undefined);
    }
  });

  app.decorate('resolveSite', async (request: FastifyRequest): Promise<Site> => {
    const body = request.body as { site?: unknown } | undefined;
    const key = request.headers[SITE_HEADER] ?? (typeof body?.site === 'string' ? body.site : undefined);
    if (typeof key !== 'string' || !key) throw errors.unknownSite();
    const site = await siteByKey(key);
    if (!site) throw errors.unknownSite();
    const origin = request.headers.origin;
    if (!origin || !site.origins.includes(origin)) throw errors.originNotAllowed(origin);
    countSiteRequest(site.id);
    return site;
  });

  /** Resolves the reporter of a public request from its secret (header, or body for beacons). */
  app.decorate('resolveReporter', async (request: FastifyRequest, site: Site): Promise<string> => {
    const body = request.body as { reporter?: unknown } | undefined;
    return reporters.idOf(site.id, request.headers[REPORTER_HEADER] ?? body?.reporter);
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The site of a shopper-side request, checked against its key and allowed origins. */
    resolveSite(request: FastifyRequest): Promise<Site>;
    /** The reporter id of a shopper-side request, from its secret. */
    resolveReporter(request: FastifyRequest, site: Site): Promise<string>;
  }
}
