import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import type { Store } from './database.js';
import * as initial from './migrations/0001-initial.js';
import * as notifications from './migrations/0002-notifications.js';
import * as cannedReplies from './migrations/0003-canned-replies.js';
import * as notificationSubmission from './migrations/0004-notification-submission.js';
import * as ownerSettings from './migrations/0005-owner-settings.js';
import * as improvementsFollowUp from './migrations/0006-improvements-follow-up.js';
import * as streamTicketExpiry from './migrations/0007-stream-ticket-expiry.js';
import * as analysisIndex from './migrations/0008-analysis-index.js';

/** Migrations in order; a new one gets the next number and is never edited once released. */
function migrations(store: Store): Record<string, Migration> {
  return {
    '0001-initial': { up: (db: Kysely<unknown>) => initial.up(db, store.dialect) },
    '0002-notifications': { up: (db: Kysely<unknown>) => notifications.up(db, store.dialect) },
    '0003-canned-replies': { up: (db: Kysely<unknown>) => cannedReplies.up(db) },
    '0004-notification-submission': { up: (db: Kysely<unknown>) => notificationSubmission.up(db) },
    '0005-owner-settings': { up: (db: Kysely<unknown>) => ownerSettings.up(db, store.dialect) },
    '0006-improvements-follow-up': { up: (db: Kysely<unknown>) => improvementsFollowUp.up(db) },
    '0007-stream-ticket-expiry': { up: (db: Kysely<unknown>) => streamTicketExpiry.up(db) },
    '0008-analysis-index': { up: (db: Kysely<unknown>) => analysisIndex.up(db) },
  };
}

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /**
   * The last migration to apply, e.g. `'0001-initial'` to build a database as an older release
   * left it (the upgrade tests do).
   * @default the latest
   */
  to?: string;
}

/** Brings the schema up to date; safe to run on every start and from several instances. */
export async function migrate(store: Store, options: MigrateOptions = {}): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema it can see unless told one: another
  // schema's (another app's, or a parallel test's) would pass for ours. Ours is where we write.
  const schema =
    store.dialect === 'postgres' ? (await sql<{ name: string }>`select current_schema() as name`.execute(store.db)).rows[0]?.name : undefined;
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations(store) },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await (options.to ? migrator.migrateTo(options.to) : migrator.migrateToLatest());
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
