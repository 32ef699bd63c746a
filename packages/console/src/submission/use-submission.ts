import type { DeskChange, DeskDetail, DeskEvent, DeskSubmission } from '@sori/protocol';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isDeskError } from '../api/desk-error.js';
import { t } from '../i18n/i18n.js';
import { onStaffEvent } from '../live/live-store.js';
import { fetchSubmission } from './submission-api.js';

/** Adds events and a newer submission to a detail: each event once, the timeline in id order. */
export function merge(detail: DeskDetail, events: readonly DeskEvent[], submission?: DeskSubmission): DeskDetail {
  const known = new Set(detail.timeline.map((e) => e.id));
  const added = events.filter((e) => !known.has(e.id));
  const newer = submission && Date.parse(submission.updatedAt) >= Date.parse(detail.submission.updatedAt) ? submission : detail.submission;
  if (!added.length && newer === detail.submission) return detail;
  return { submission: newer, timeline: added.length ? [...detail.timeline, ...added].sort((a, b) => a.id - b.id) : detail.timeline };
}

/** What {@link useSubmission} gives a screen. */
export interface SubmissionState {
  detail: DeskDetail | undefined;
  error: string | undefined;
  /** Takes in what one of this console's own calls answered. */
  applyChange: (change: DeskChange) => void;
  /** Asks for the whole submission again (after a `stale` answer); resolves with it. */
  reload: () => Promise<DeskDetail | undefined>;
}

/**
 * One submission with its timeline, kept live from the live store: events of this submission
 * are added as they come (also those that came while it was loading), each once.
 */
export function useSubmission(id: string): SubmissionState {
  const [detail, setDetail] = useState<DeskDetail | undefined>();
  const [error, setError] = useState<string | undefined>();
  // Events of this submission that came before its first load answered.
  const early = useRef<Array<{ event: DeskEvent; submission: DeskSubmission }>>([]);
  const loaded = useRef(false);

  const reload = useCallback(async () => {
    try {
      const fresh = await fetchSubmission(id);
      const held = early.current;
      early.current = [];
      const merged = merge(fresh, held.map((h) => h.event), held.at(-1)?.submission);
      setDetail((before) => (before ? merge(merged, before.timeline) : merged));
      loaded.current = true;
      setError(undefined);
      return merged;
    } catch (failure) {
      setError(isDeskError(failure, 'network') ? t().app.network : failure instanceof Error ? failure.message : String(failure));
      return undefined;
    }
  }, [id]);

  useEffect(() => {
    setDetail(undefined);
    early.current = [];
    loaded.current = false;
    const off = onStaffEvent(({ event, submission }) => {
      if (submission.id !== id) return;
      if (loaded.current) setDetail((before) => (before ? merge(before, [event], submission) : before));
      else early.current.push({ event, submission });
    });
    void reload();
    return off;
  }, [id]);

  const applyChange = useCallback((change: DeskChange) => {
    setDetail((before) => (before ? merge(before, change.event ? [change.event] : [], change.submission) : before));
  }, []);

  return { detail, error, applyChange, reload };
}
