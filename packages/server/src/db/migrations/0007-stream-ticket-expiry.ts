import type { Kysely } from 'kysely';

/**
 * Stream tickets by expiry: every ticket issued first deletes the expired ones, which without an
 * index scanned every live ticket (5,000 open streams renewing theirs meant 5,000 scans each
 * round).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('stream_tickets_expiry').on('stream_tickets').column('expires_at').execute();
}
