import { sql, type Kysely } from 'kysely';

/** What the rows of `notifications` need here: the payload to read the submission from. */
interface Row {
  id: number;
  channel: string;
  payload: string;
}

/** The submission a notification written before this migration is about, from what it carries. */
function submissionOf(row: Row, byTracking: Map<string, string>): string | undefined {
  const payload = JSON.parse(row.payload) as { data?: { id?: unknown; submission?: { id?: unknown } }; subject?: unknown };
  if (row.channel === 'webhook') {
    const id = payload.data?.submission?.id ?? payload.data?.id;
    return typeof id === 'string' ? id : undefined;
  }
  // An email names its tracking number in the subject.
  const subject = typeof payload.subject === 'string' ? payload.subject : '';
  const tracking = /SR-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(subject)?.[0];
  return tracking ? byTracking.get(tracking) : undefined;
}

/**
 * Each notification says which submission it is about, so that erasing a submission reaches every
 * copy of what the shopper wrote: queued emails are cancelled, stored payloads scrubbed. Rows
 * written before this migration get theirs from their payload.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('notifications').addColumn('submission_id', 'text').execute();
  await db.schema.createIndex('notifications_submission').on('notifications').column('submission_id').execute();
  const rows = (await sql<Row>`select id, channel, payload from notifications`.execute(db)).rows;
  if (rows.length === 0) return;
  const tracked = (await sql<{ id: string; tracking_number: string }>`select id, tracking_number from submissions`.execute(db)).rows;
  const byTracking = new Map(tracked.map((s) => [s.tracking_number, s.id]));
  for (const row of rows) {
    const submissionId = submissionOf(row, byTracking);
    if (submissionId) await sql`update notifications set submission_id = ${submissionId} where id = ${row.id}`.execute(db);
  }
}
