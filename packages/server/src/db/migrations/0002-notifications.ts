import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * One word per concept (DESIGN.md): the table of emails and webhook calls is `notifications`
 * (`outbox` is the browser's queue), each attempt to send one is a row of `deliveries`, and an
 * event's words are its `text`. Renames keep every row; deliveries made before this migration were
 * not recorded one by one, and their count and last error stay on the notification.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('outbox').renameTo('notifications').execute();
  // SQLite cannot rename an index: it is made again under its new name, on both engines alike.
  await db.schema.dropIndex('outbox_due').execute();
  await db.schema.createIndex('notifications_due').on('notifications').columns(['state', 'next_attempt_at']).execute();
  if (dialect === 'postgres') {
    // The names PostgreSQL gave the key and its sequence; the column default follows the rename.
    await sql`alter sequence outbox_id_seq rename to notifications_id_seq`.execute(db);
    await sql`alter table notifications rename constraint outbox_pkey to notifications_pkey`.execute(db);
  }

  await db.schema
    .createTable('deliveries')
    .addColumn('notification_id', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull().references('notifications.id'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('deliveries_pkey', ['notification_id', 'attempt'])
    .execute();

  await db.schema.alterTable('events').renameColumn('message', 'text').execute();
}
