import type { Sori, Submission, SyncState } from '@sori/sdk';
import { useEffect, useRef, useState } from 'preact/hooks';
import { throttle } from './throttle.js';

/**
 * Follows the shopper's submissions and the SDK's state from the start, open or not (the launcher
 * counts unread answers), re-reading at most once per 50 ms: a backlog being sent makes hundreds
 * of changes. Closed, a change of send state is nothing to show, and reading on each would slow a
 * backlog's delivery (by half for 500 submissions): only staff events, the SDK's state and opening
 * the panel read then.
 */
export function useSubmissions(sori: Sori, open: boolean, onChange?: (submissions: Submission[]) => void): { submissions: Submission[]; sync: SyncState } {
  const [submissions, setSubmissions] = useState<Submission[]>([]);
  const [sync, setSync] = useState(() => sori.syncState());
  // Read by the listeners, which are set up once per SDK instance.
  const latest = useRef({ open, onChange });
  latest.current = { open, onChange };
  const read = useRef<() => void>();

  useEffect(() => {
    const reread = (read.current = throttle(() => {
      void sori.submissions().then((list) => {
        setSubmissions(list);
        latest.current.onChange?.(list);
      });
      setSync(sori.syncState());
    }));
    reread();
    const stops = [
      sori.on('submission', () => latest.current.open && reread()),
      sori.on('sync', reread),
      sori.on('event', (event) => event.author === 'staff' && reread()),
    ];
    return () => stops.forEach((stop) => stop());
  }, [sori]);

  useEffect(() => {
    if (open) read.current?.();
  }, [open]);

  return { submissions, sync };
}
