import { sql, type Kysely } from 'kysely';

/**
 * The analysis reads every submission of a range, a dozen columns each, once per figure it
 * groups: from the table that is a lookup per row (76,000 of them for 90 days of a busy shop,
 * over a second on SQLite). An index that holds those columns, after the site and the time of
 * receipt, answers each grouping from the index alone. It starts as `submissions_site_received`
 * did, so it takes that index's place, and it serves a site's range of one kind as well as
 * `submissions_site_kind_received` (0006) did, so that one goes too: an intake writes one index
 * entry fewer than before. Ratings are read from their own index: few submissions have one, and
 * none at intake.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('submissions_analysis')
    .on('submissions')
    .columns([
      'site_id', 'received_at', 'kind', 'product', 'department', 'assignee_id', 'expected_response_by',
      'first_response_at', 'resolved_at', 'resolution_met', 'follow_up_outcome',
    ])
    .execute();
  await db.schema.dropIndex('submissions_site_received').execute();
  await db.schema.dropIndex('submissions_site_kind_received').execute();
  await db.schema.createIndex('submissions_rated').on('submissions').columns(['site_id', 'received_at']).where(sql.ref('rating'), 'is not', null).execute();
}
