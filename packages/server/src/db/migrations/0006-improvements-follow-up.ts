import { DEFAULT_RESOLUTION_MINUTES, type Kind } from '@sori/protocol';
import { sql, type Kysely } from 'kysely';

interface ResolvedRow {
  id: string;
  site_id: string;
  kind: Kind;
  received_at: string;
  resolved_at: string;
  resolution_due_by: string | null;
}

/**
 * Closing the loop (VOC steps 8–10):
 * - `submissions.rated_at`: when the current rating came, so a resolution is rated once;
 * - `submissions.resolution_met`: 1 when the last resolution came within the kind's resolution
 *   target, 0 when after it, null while unresolved (the recovery segments, and their drill-down);
 * - `submissions.follow_up_outcome` and `follow_up_at`: the last follow-up call (the happy call);
 * - `improvements` and the submissions behind each (`improvement_submissions`);
 * - indexes the analysis reads a date range through, for every site and per site and kind.
 * Rows resolved before this migration get `resolution_met` from their resolution due time (0005),
 * or wall-clock time and their site's targets without one; rated rows get `rated_at` from their
 * last change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('submissions').addColumn('rated_at', 'text').execute();
  await db.schema.alterTable('submissions').addColumn('resolution_met', 'integer').execute();
  await db.schema.alterTable('submissions').addColumn('follow_up_outcome', 'text').execute();
  await db.schema.alterTable('submissions').addColumn('follow_up_at', 'text').execute();
  await sql`update submissions set rated_at = updated_at where rating is not null`.execute(db);

  const sites = (await sql<{ id: string; settings: string }>`select id, settings from sites`.execute(db)).rows;
  const targets = new Map(
    sites.map((s) => [s.id, (JSON.parse(s.settings) as { resolutionMinutes?: Partial<Record<Kind, number>> }).resolutionMinutes ?? {}]),
  );
  const resolved = (
    await sql<ResolvedRow>`select id, site_id, kind, received_at, resolved_at, resolution_due_by from submissions where resolved_at is not null`.execute(db)
  ).rows;
  const met: string[] = [];
  const late: string[] = [];
  for (const row of resolved) {
    const target = targets.get(row.site_id)?.[row.kind] ?? DEFAULT_RESOLUTION_MINUTES[row.kind];
    const due = row.resolution_due_by ? Date.parse(row.resolution_due_by) : Date.parse(row.received_at) + target * 60_000;
    (Date.parse(row.resolved_at) <= due ? met : late).push(row.id);
  }
  for (const [ids, value] of [[met, 1], [late, 0]] as const) {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await sql`update submissions set resolution_met = ${value} where id in (${sql.join(chunk)})`.execute(db);
    }
  }

  await db.schema.createIndex('submissions_received').on('submissions').column('received_at').execute();
  await db.schema.createIndex('submissions_site_kind_received').on('submissions').columns(['site_id', 'kind', 'received_at']).execute();

  await db.schema
    .createTable('improvements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .execute();
  await db.schema.createIndex('improvements_site_department').on('improvements').columns(['site_id', 'department']).execute();

  await db.schema
    .createTable('improvement_submissions')
    .addColumn('improvement_id', 'text', (c) => c.notNull().references('improvements.id'))
    .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id'))
    .addColumn('linked_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('improvement_submissions_pk', ['improvement_id', 'submission_id'])
    .execute();
  await db.schema.createIndex('improvement_submissions_submission').on('improvement_submissions').column('submission_id').execute();
}
