import { SiteKey } from '@sori/protocol';
import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import { Compile } from 'typebox/compile';
import type { Database } from '../db/schema.js';
import { allAllowedOrigins, findSiteByKey, type Site } from './sites.js';

/** Options of {@link SiteDirectory}. */
export interface SiteDirectoryOptions {
  /**
   * How long a lookup is kept, found or not: a new site, or a new origin, is seen at most this late.
   * @default 10000
   */
  cacheMs?: number;
  /**
   * Site keys remembered at once, unknown ones included; past it the least recently asked is forgotten.
   * @default 1000
   */
  keys?: number;
}

const siteKey = Compile(SiteKey);

/**
 * Sites by public key, and every site's allowed origins (for CORS preflights), as every
 * shopper-side request needs them: cached briefly and in bounded memory, since anyone on the
 * internet can ask for any key.
 */
export class SiteDirectory {
  readonly #byKey: LRUCache<string, Promise<Site | undefined>>;
  readonly #cacheMs: number;
  #origins: { at: number; set: Promise<Set<string>> } | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    options: SiteDirectoryOptions = {},
  ) {
    this.#cacheMs = options.cacheMs ?? 10_000;
    this.#byKey = new LRUCache({ max: options.keys ?? 1000, ttl: this.#cacheMs });
  }

  /** The site with public key `key`, or `undefined` (a key that cannot be one is not even looked up). */
  byKey(key: string): Promise<Site | undefined> {
    if (!siteKey.Check(key)) return Promise.resolve(undefined);
    const hit = this.#byKey.get(key);
    if (hit) return hit;
    const site = findSiteByKey(this.db, key);
    this.#byKey.set(key, site);
    // A failed lookup is not an answer: the next request asks the database again.
    site.catch(() => this.#byKey.delete(key));
    return site;
  }

  /** Every allowed origin of every site. */
  allowedOrigins(): Promise<Set<string>> {
    if (!this.#origins || Date.now() - this.#origins.at > this.#cacheMs) {
      const set = allAllowedOrigins(this.db);
      const entry = { at: Date.now(), set };
      this.#origins = entry;
      set.catch(() => {
        if (this.#origins === entry) this.#origins = undefined;
      });
    }
    return this.#origins.set;
  }

  /** Forgets every cached lookup: after a site's settings or origins change, the next request reads them anew. */
  clear(): void {
    this.#byKey.clear();
    this.#origins = undefined;
  }

  /** Site keys cached now, known and unknown. */
  get size(): number {
    return this.#byKey.size;
  }
}
