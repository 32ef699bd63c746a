import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { errors } from '../errors.js';
import { newId, sha256 } from './secrets.js';

const SECRET = /^[0-9a-f]{64}$/;

/**
 * The reporter a secret stands for on a site, made on first use. Only the secret's hash is kept,
 * so a database leak does not let anyone read a shopper's items.
 */
export async function reporterId(db: Kysely<Database>, siteId: string, secret: unknown): Promise<string> {
  if (typeof secret !== 'string' || !SECRET.test(secret)) {
    throw errors.unauthorized('Send the reporter secret (64 hex characters) in the x-sori-reporter header');
  }
  const secretHash = sha256(secret);
  const found = await db
    .selectFrom('reporters')
    .select('id')
    .where('site_id', '=', siteId)
    .where('secret_hash', '=', secretHash)
    .executeTakeFirst();
  if (found) return found.id;
  await db
    .insertInto('reporters')
    .values({ id: newId(), site_id: siteId, secret_hash: secretHash, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['site_id', 'secret_hash']).doNothing())
    .execute();
  const row = await db
    .selectFrom('reporters')
    .select('id')
    .where('site_id', '=', siteId)
    .where('secret_hash', '=', secretHash)
    .executeTakeFirstOrThrow();
  return row.id;
}
