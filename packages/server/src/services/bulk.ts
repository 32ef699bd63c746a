import type { BulkChange, BulkResult, DeskPatch } from '@sori/protocol';
import { ApiError, errors } from '../errors.js';
import { changeContext, planChange, queueChangeNotifications, type ChangePlan } from './desk.js';
import { assertCanSee } from './site-scope.js';
import type { SubmissionRow } from './submissions.js';
import type { NewEvent, UnitOfWork } from './unit-of-work.js';
import type { User } from './users.js';

/**
 * One change for many submissions, in one request and one transaction: each is checked as one
 * `PATCH` would check it (its lifecycle, its site's departments), and each shopper whose
 * submission changed in public gets their event. A submission the change does not fit is left as
 * it is and reported; the others go ahead. The rows are read with one query, written with one
 * update per distinct change, and their events appended with one statement.
 */
export async function bulkChange(unit: UnitOfWork, { ids, change }: BulkChange, user: User): Promise<BulkResult> {
  const patch: DeskPatch = change;
  const result: BulkResult = { changed: 0, unchanged: 0, failed: [] };
  const now = new Date().toISOString();
  const found = await unit.db.selectFrom('submissions').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  const current = new Map(found.map((row) => [row.id, row]));
  const before = new Map(current);
  const sets = new Map<string, ChangePlan['set']>();
  const events: NewEvent[] = [];
  const context = changeContext(unit.db);

  for (const id of ids) {
    const row = current.get(id);
    try {
      if (!row) throw errors.notFound(`Submission ${id}`);
      assertCanSee(user, row.site_id, id);
      const { set, changes } = await planChange(row, patch, context, now);
      if (changes.length === 0) {
        result.unchanged++;
        continue;
      }
      const updated: SubmissionRow = { ...row, ...(set as Partial<SubmissionRow>), updated_at: now }; // Updateable's columns, all set to plain values here
      current.set(id, updated);
      sets.set(id, { ...sets.get(id), ...set });
      for (const c of changes) events.push({ ...c, submission: updated, author: 'staff', actor: user, at: now });
      result.changed++;
    } catch (error) {
      // Refused before anything was written for it (planChange checks and writes nothing).
      if (!(error instanceof ApiError)) throw error;
      result.failed.push({ id, code: error.code, message: error.message });
    }
  }

  // Rows that take the same columns share one update.
  const bySet = new Map<string, { set: ChangePlan['set']; ids: string[] }>();
  for (const [id, set] of sets) {
    const key = JSON.stringify(set);
    const group = bySet.get(key) ?? { set, ids: [] };
    group.ids.push(id);
    bySet.set(key, group);
  }
  for (const { set, ids: changed } of bySet.values()) {
    await unit.db.updateTable('submissions').set({ ...set, updated_at: now }).where('id', 'in', changed).execute();
  }
  await unit.appendEvents(events);
  for (const [id, set] of sets) {
    const row = before.get(id);
    const updated = current.get(id);
    if (row && updated) await queueChangeNotifications(unit, row, updated, set);
  }
  return result;
}
