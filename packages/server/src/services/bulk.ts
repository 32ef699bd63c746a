import type { BulkChange, BulkResult, DeskPatch } from '@sori/protocol';
import { ApiError } from '../errors.js';
import { changeSubmission } from './desk.js';
import type { UnitOfWork } from './unit-of-work.js';
import type { User } from './users.js';

/**
 * One change for many submissions, in one request and one transaction: each is checked and
 * changed as one `PATCH` would (its lifecycle, its site's departments), and each shopper whose
 * submission changed in public gets their event. A submission the change does not fit is left as
 * it is and reported; the others go ahead.
 */
export async function bulkChange(unit: UnitOfWork, { ids, change }: BulkChange, user: User): Promise<BulkResult> {
  const result: BulkResult = { changed: 0, unchanged: 0, failed: [] };
  for (const id of ids) {
    try {
      const { event } = await changeSubmission(unit, id, change satisfies DeskPatch, user);
      if (event) result.changed++;
      else result.unchanged++;
    } catch (error) {
      // Refused before anything was written for it (changeSubmission checks, then writes).
      if (!(error instanceof ApiError)) throw error;
      result.failed.push({ id, code: error.code, message: error.message });
    }
  }
  return result;
}
