import type { AuditEntry, AuditQuery, AuditSubject } from '@sori/protocol';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { User } from './users.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Who made a settings change: a signed-in user, or the operator at the CLI. */
export type Actor = User | 'cli';

/** Field by field, what differs between `before` and `after` (fields only in one count too). */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): AuditEntry['changes'] {
  const changes: AuditEntry['changes'] = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const from = before[key];
    const to = after[key];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from: from ?? null, to: to ?? null };
  }
  return changes;
}

/** Records one settings change: who, when, on what, and what changed. Nothing changed, nothing recorded. */
export async function recordChange(
  db: Db,
  actor: Actor,
  entry: { subject: AuditSubject; subjectId: string; siteId?: string | null; action: string; changes?: AuditEntry['changes'] },
): Promise<void> {
  const changes = entry.changes ?? {};
  if (entry.action === 'updated' && Object.keys(changes).length === 0) return;
  await db
    .insertInto('audit_log')
    .values({
      at: new Date().toISOString(),
      actor_id: actor === 'cli' ? null : actor.id,
      actor_name: actor === 'cli' ? 'cli' : actor.name,
      subject: entry.subject,
      subject_id: entry.subjectId,
      site_id: entry.siteId ?? null,
      action: entry.action,
      changes: JSON.stringify(changes),
    })
    .execute();
}

/** Settings changes, newest first. */
export async function listAudit(db: Kysely<Database>, query: AuditQuery): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (query.subject) q = q.where('subject', '=', query.subject);
  if (query.subjectId) q = q.where('subject_id', '=', query.subjectId);
  if (query.siteId) q = q.where('site_id', '=', query.siteId);
  if (query.before) q = q.where('id', '<', query.before);
  const rows = await q.orderBy('id', 'desc').limit(query.limit ?? 100).execute();
  return rows.map((row) => ({
    id: Number(row.id),
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    subject: row.subject,
    subjectId: row.subject_id,
    siteId: row.site_id,
    action: row.action,
    changes: JSON.parse(row.changes) as AuditEntry['changes'],
  }));
}
