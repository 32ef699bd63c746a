import type { RecoverySegment } from '@sori/protocol';
import { resolutionMinutes, type Site } from './sites.js';
import type { SubmissionRow } from './submissions.js';

/**
 * Whether a resolution at `resolvedAt` came within the target: 1 or 0, as `resolution_met` keeps
 * it. Against the submission's resolution due time (business hours, set since migration 0005);
 * without one, wall-clock time from receipt.
 */
export function resolutionMet(
  row: Pick<SubmissionRow, 'kind' | 'received_at' | 'resolution_due_by'>,
  resolvedAt: string,
  site: Pick<Site, 'settings'>,
): 0 | 1 {
  if (row.resolution_due_by) return Date.parse(resolvedAt) <= Date.parse(row.resolution_due_by) ? 1 : 0;
  const minutes = (Date.parse(resolvedAt) - Date.parse(row.received_at)) / 60_000;
  return minutes <= resolutionMinutes(site, row.kind) ? 1 : 0;
}

/** How a submission went, for the service-recovery comparison (the inbox filter `segment` says the same in SQL). */
export function segmentOf(row: Pick<SubmissionRow, 'kind' | 'resolution_met'>): RecoverySegment {
  if (row.kind !== 'complaint') return 'no_complaint';
  if (row.resolution_met === null) return 'unresolved';
  return row.resolution_met === 1 ? 'resolved_within_target' : 'resolved_late';
}
