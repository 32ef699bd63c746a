import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { EmailText } from './email-text.js';
import type { SubmissionRow } from './submissions.js';
import type { UnitOfWork } from './unit-of-work.js';

/**
 * Alerts to staff by email, through the notification outbox (so retried like the shopper's
 * emails): a new complaint, and a submission about to breach its first-response or resolution
 * target. They go to the assignee, else to the department's members, else to the admins — each
 * only if they belong to the site (admins always do), are not disabled and keep alerts on.
 */

/** How long before a target a submission counts as "about to breach". */
export const BREACH_WARNING_MINUTES = 30;

type Db = Kysely<Database> | Transaction<Database>;

/** Who hears about `row`: addresses, none twice. */
export async function alertRecipients(db: Db, row: Pick<SubmissionRow, 'site_id' | 'department' | 'assignee_id'>): Promise<string[]> {
  const active = db
    .selectFrom('users')
    .select(['users.email'])
    .where('users.disabled_at', 'is', null)
    .where('users.alerts', '=', 1)
    .where((eb) =>
      eb.or([
        eb('users.role', '=', 'admin'),
        eb.exists(eb.selectFrom('user_sites').select('user_sites.user_id').whereRef('user_sites.user_id', '=', 'users.id').where('user_sites.site_id', '=', row.site_id)),
      ]),
    );
  if (row.assignee_id) {
    const assignee = await active.where('users.id', '=', row.assignee_id).execute();
    if (assignee.length > 0) return assignee.map((u) => u.email);
  }
  if (row.department) {
    const members = await active.where('users.department', '=', row.department).orderBy('users.email').execute();
    if (members.length > 0) return members.map((u) => u.email);
  }
  return (await active.where('users.role', '=', 'admin').orderBy('users.email').execute()).map((u) => u.email);
}

function alertEmail(row: SubmissionRow, site: string, what: string): EmailText {
  // The shopper's words go in as plain text; the email is text only, never HTML.
  return {
    subject: `[${site}] ${what}: ${row.tracking_number}`,
    text: `${what} on ${site} (${row.kind}${row.department ? `, ${row.department}` : ''}).\n\n${row.message}\n\nFirst response due: ${row.expected_response_by}\n${row.resolution_due_by ? `Resolution due: ${row.resolution_due_by}\n` : ''}Tracking number: ${row.tracking_number}\n`,
  };
}

async function queueAlert(unit: UnitOfWork, row: SubmissionRow, what: string): Promise<void> {
  const recipients = await alertRecipients(unit.db, row);
  if (recipients.length === 0) return;
  const site = await unit.db.selectFrom('sites').select('name').where('id', '=', row.site_id).executeTakeFirstOrThrow();
  for (const to of recipients) {
    await unit.queueNotification({ channel: 'email', target: to, payload: alertEmail(row, site.name, what), submissionId: row.id });
  }
}

/** On arrival: a new complaint (not flagged as spam) alerts staff. */
export async function queueStaffAlerts(unit: UnitOfWork, row: SubmissionRow): Promise<void> {
  if (row.kind !== 'complaint' || row.spam_reason !== null) return;
  await queueAlert(unit, row, 'New complaint');
}

/**
 * Alerts staff of open submissions about to breach a target (an answer owed and due within
 * {@link BREACH_WARNING_MINUTES}, or resolution due within it), each once: the row is marked in the
 * same transaction, and only the one that marked it sends (another instance's sweep finds it marked).
 */
export async function queueBreachAlerts(unit: UnitOfWork, now = new Date()): Promise<number> {
  const soon = new Date(now.getTime() + BREACH_WARNING_MINUTES * 60_000).toISOString();
  const rows = await unit.db
    .selectFrom('submissions')
    .selectAll()
    .where('status', 'not in', ['resolved', 'closed'])
    .where('breach_alerted_at', 'is', null)
    .where('spam_reason', 'is', null)
    .where((eb) => eb.or([eb.and([eb('awaiting', '=', 'staff'), eb('first_response_at', 'is', null), eb('expected_response_by', '<', soon)]), eb('resolution_due_by', '<', soon)]))
    .orderBy('expected_response_by')
    .limit(100)
    .execute();
  let sent = 0;
  for (const row of rows) {
    const marked = await unit.db
      .updateTable('submissions')
      .set({ breach_alerted_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('breach_alerted_at', 'is', null)
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) !== 1) continue;
    await queueAlert(unit, row, 'About to breach its target');
    sent++;
  }
  return sent;
}
