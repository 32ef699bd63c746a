import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import { insertRows } from '../db/rows.js';
import type { Database } from '../db/schema.js';
import { errors } from '../errors.js';
import { newId, sha256 } from './secrets.js';
import type { UnitOfWork } from './unit-of-work.js';

const SECRET = /^[0-9a-f]{64}$/;
/** Reporters remembered per instance (a reporter never changes once made), each at most this long. */
const CACHE_SIZE = 10_000;
const CACHE_MS = 10 * 60_000;

/**
 * A reporter as a request names it: by site and secret hash, with its id when it is known to be
 * stored. One not known yet is made (or found) by {@link ReporterDirectory.store} in the
 * transaction that needs it.
 */
export interface ReporterRef {
  readonly siteId: string;
  readonly secretHash: string;
  /** The stored reporter's id; `undefined` until the reporter is known to exist. */
  readonly id: string | undefined;
}

/**
 * Finds the reporter a secret stands for on a site, making it on first use. Only the secret's
 * hash is kept (in the database and in the cache), so a leak does not let anyone read a
 * shopper's submissions.
 */
export class ReporterDirectory {
  private readonly cache = new LRUCache<string, string>({ max: CACHE_SIZE, ttl: CACHE_MS });

  constructor(private readonly db: Kysely<Database>) {}

  /** The reporter's id, made in a transaction of its own when the secret is new. */
  async idOf(siteId: string, secret: unknown): Promise<string> {
    const ref = this.refOf(siteId, secret);
    if (ref.id) return ref.id;
    const id = await this.findOrCreate(siteId, ref.secretHash);
    this.cache.set(cacheKey(ref), id);
    return id;
  }

  /**
   * Names the reporter without touching the database: with its id when this instance has seen it,
   * otherwise by its secret hash alone, for {@link store} to make or find it in the transaction
   * that stores the request's writes (a first-time shopper's reporter and submission commit
   * together).
   */
  refOf(siteId: string, secret: unknown): ReporterRef {
    if (typeof secret !== 'string' || !SECRET.test(secret)) {
      throw errors.unauthorized('Send the reporter secret (64 hex characters) in the x-sori-reporter header');
    }
    const secretHash = sha256(secret);
    return { siteId, secretHash, id: this.cache.get(`${siteId}:${secretHash}`) };
  }

  /**
   * Makes the reporters of `refs` that are not stored yet, with one statement for all of them,
   * and answers each ref's id, in order. A reporter that turns out to exist (made by another
   * instance, or before this one started) keeps its id. The ids are remembered once committed.
   */
  async store(unit: UnitOfWork, refs: readonly ReporterRef[]): Promise<string[]> {
    const missing = new Map<string, { id: string; site_id: string; secret_hash: string; created_at: string }>();
    const createdAt = new Date().toISOString();
    for (const ref of refs) {
      const key = cacheKey(ref);
      if (!ref.id && !missing.has(key)) missing.set(key, { id: newId(), site_id: ref.siteId, secret_hash: ref.secretHash, created_at: createdAt });
    }
    if (missing.size > 0) {
      const rows = [...missing.values()];
      const { inserted } = await insertRows(unit.db, unit.dialect, 'reporters', rows, { skipConflictsOn: ['site_id', 'secret_hash'] });
      if (inserted < rows.length) {
        // Some existed already: their stored ids stand.
        const found = await unit.db
          .selectFrom('reporters')
          .select(['id', 'site_id', 'secret_hash'])
          .where('secret_hash', 'in', rows.map((r) => r.secret_hash))
          .execute();
        for (const row of found) {
          const entry = missing.get(`${row.site_id}:${row.secret_hash}`);
          if (entry) entry.id = row.id;
        }
      }
      unit.afterCommit(() => {
        for (const [key, row] of missing) this.cache.set(key, row.id);
      });
    }
    return refs.map((ref) => ref.id ?? missing.get(cacheKey(ref))?.id ?? '');
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

function cacheKey(ref: Pick<ReporterRef, 'siteId' | 'secretHash'>): string {
  return `${ref.siteId}:${ref.secretHash}`;
}
