import { useEffect, useRef } from 'preact/hooks';
import { putPresence } from './submission-api.js';

/** Presence is sent again this often while it lasts; the server forgets it soon after. */
export const PRESENCE_EVERY_MS = 10_000;

const ignore = () => {};

/**
 * Tells others this user is on a submission: `viewing` while it is open, `replying` while the
 * composer holds text, sent again every 10 s, and `left` when leaving it or the page (`pagehide`,
 * with `keepalive`). Presence is a courtesy: a failed send is not worth an error on screen.
 */
export function usePresence(submissionId: string, replying: boolean): void {
  const state: 'viewing' | 'replying' = replying ? 'replying' : 'viewing';
  const current = useRef(state);
  current.current = state;

  useEffect(() => {
    void putPresence(submissionId, current.current).catch(ignore);
    const timer = setInterval(() => void putPresence(submissionId, current.current).catch(ignore), PRESENCE_EVERY_MS);
    const leave = () => void putPresence(submissionId, 'left', true).catch(ignore);
    addEventListener('pagehide', leave);
    return () => {
      clearInterval(timer);
      removeEventListener('pagehide', leave);
      leave();
    };
  }, [submissionId]);

  // Say a change of state at once, not at the next beat.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void putPresence(submissionId, state).catch(ignore);
  }, [state]);
}
