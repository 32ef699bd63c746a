import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * The owner's side: a resolution due time per submission (and when staff were alerted that it is
 * about to breach), users who can be disabled, invited without a password and opt out of alerts,
 * which sites each user belongs to, token expiry, where round-robin assignment stands per
 * department, and the audit of every settings change.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('submissions').addColumn('resolution_due_by', 'text').execute();
  await db.schema.alterTable('submissions').addColumn('breach_alerted_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('alerts', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('users').addColumn('setup_token_hash', 'text').execute();
  await db.schema.alterTable('users').addColumn('setup_expires_at', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
  await db.schema
    .createTable('user_sites')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addPrimaryKeyConstraint('user_sites_pk', ['user_id', 'site_id'])
    .execute();
  await db.schema.createIndex('user_sites_site').on('user_sites').column('site_id').execute();
  // Agents saw every site before membership existed: they keep seeing the sites there are now.
  await sql`insert into user_sites (user_id, site_id) select users.id, sites.id from users cross join sites where users.role = 'agent'`.execute(db);
  await db.schema
    .createTable('round_robin')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('last_user_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('round_robin_pk', ['site_id', 'department'])
    .execute();
  await db.schema
    .createTable('audit_log')
    // The same dialect difference as the events table: an ever-growing integer key.
    .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject', 'subject_id']).execute();
  await db.schema.createIndex('submissions_resolution_due').on('submissions').column('resolution_due_by').execute();
}
