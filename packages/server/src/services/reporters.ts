import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Database } from '../db/schema.js';
import { errors } from '../errors.js';
import { newId, sha256 } from './secrets.js';

const SECRET = /^[0-9a-f]{64}$/;
/** Reporters remembered per instance (a reporter never changes once made), each at most this long. */
const CACHE_SIZE = 10_000;
const CACHE_MS = 10 * 60_000;

/**
 * Finds the reporter a secret stands for on a site, making it on first use. Only the secret's
 * hash is kept (in the database and in the cache), so a leak does not let anyone read a
 * shopper's submissions.
 */
export class ReporterDirectory {
  private readonly cache = new LRUCache<string, string>({ max: CACHE_SIZE, ttl: CACHE_MS });

  constructor(private readonly db: Kysely<Database>) {}

  async idOf(siteId: string, secret: unknown): Promise<string> {
    if (typeof secret !== 'string' || !SECRET.test(secret)) {
      throw errors.unauthorized('Send the reporter secret (64 hex characters) in the x-sori-reporter header');
    }
    const secretHash = sha256(secret);
    const key = `${siteId}:${secretHash}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const id = await this.findOrCreate(siteId, secretHash);
    this.cache.set(key, id);
    return id;
  }

  private async findOrCreate(siteId: string, secretHash: string): Promise<string> {
    const find = () =>
      this.db
        .selectFrom('reporters')
        .select('id')
        .where('site_id', '=', siteId)
        .where('secret_hash', '=', secretHash)
        .executeTakeFirst();
    const found = await find();
    if (found) return found.id;
    await this.db
      .insertInto('reporters')
      .values({ id: newId(), site_id: siteId, secret_hash: secretHash, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['site_id', 'secret_hash']).doNothing())
      .execute();
    const made = await find();
    if (!made) throw new Error('reporter row missing right after insert');
    return made.id;
  }
}
