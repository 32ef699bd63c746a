import { DEFAULT_RESOLUTION_MINUTES, type Kind, type RecoverySegment } from '@sori/protocol';
import type { SubmissionRow } from './submissions.js';

/** What this module reads of a site's settings. */
export interface ResolutionSettings {
  /** Resolution target per kind, in minutes. @default DEFAULT_RESOLUTION_MINUTES */
  resolutionMinutes?: Partial<Record<Kind, number>>;
}

/** The resolution target of a kind on a site, in minutes. */
export function resolutionTargetMinutes(settings: ResolutionSettings, kind: Kind): number {
  return settings.resolutionMinutes?.[kind] ?? DEFAULT_RESOLUTION_MINUTES[kind];
}

/**
 * Whether a resolution at `resolvedAt` came within the target: 1 or 0, as `resolution_met` keeps
 * it. Against the submission's resolution due time (business hours, set since migration 0005);
 * without one, wall-clock time from receipt.
 */
export function resolutionMet(
  row: Pick<SubmissionRow, 'kind' | 'received_at' | 'resolution_due_by'>,
  resolvedAt: string,
  settings: ResolutionSettings,
): 0 | 1 {
  if (row.resolution_due_by) return Date.parse(resolvedAt) <= Date.parse(row.resolution_due_by) ? 1 : 0;
  const minutes = (Date.parse(resolvedAt) - Date.parse(row.received_at)) / 60_000;
  return minutes <= resolutionTargetMinutes(settings, row.kind) ? 1 : 0;
}

/** How a submission went, for the service-recovery comparison (the inbox filter `segment` says the same in SQL). */
export function segmentOf(row: Pick<SubmissionRow, 'kind' | 'resolution_met'>): RecoverySegment {
  if (row.kind !== 'complaint') return 'no_complaint';
  if (row.resolution_met === null) return 'unresolved';
  return row.resolution_met === 1 ? 'resolved_within_target' : 'resolved_late';
}
