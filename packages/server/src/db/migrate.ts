import { Migrator, type Kysely, type Migration } from 'kysely';
import type { Store } from './database.js';
import * as initial from './migrations/0001-initial.js';

/** Migrations in order; a new one gets the next number and is never edited once released. */
function migrations(store: Store): Record<string, Migration> {
  return {
    '0001-initial': { up: (db: Kysely<unknown>) => initial.up(db, store.dialect) },
  };
}

/** Brings the schema up to date; safe to run on every start and from several instances. */
export async function migrate(store: Store): Promise<string[]> {
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations(store) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
