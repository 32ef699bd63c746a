import { LIMITS, PATHS } from '@sori/protocol/constants';
import type { SubmissionInput } from '@sori/protocol';
import type { Credentials } from './http.js';
import type { StoredSubmission } from './outbox.js';
import { waiting } from './send-state.js';

/**
 * Characters of submissions one last-chance send carries: a character is at most 3 bytes of UTF-8,
 * so this keeps the body (site key and reporter included) under the browsers' 64 KiB keepalive cap.
 */
const KEEPALIVE_CHARS = Math.floor(LIMITS.keepaliveBytes / 3) - 1000;

/** The last-chance send: see {@link sendOnPageExit}. */
export interface PageExit {
  /** Keeps what this submission's send state says: sent along on page exit while it waits, dropped once it does not. */
  track(submission: StoredSubmission): void;
}

/**
 * When the page goes away (closed, navigated, or frozen in the back/forward cache), sends what
 * waits one last time with `keepalive`, so that the request outlives the page. What waits is kept
 * in memory here, because the `pagehide` handler cannot wait for IndexedDB. The site key and the
 * reporter secret go in the body, where a keepalive request carries them without a CORS preflight;
 * the server is idempotent, so the next page's ordinary send of the same submissions stores
 * nothing twice. Stops listening when `signal` aborts.
 */
export function sendOnPageExit(credentials: Credentials, signal: AbortSignal): PageExit {
  const unsent = new Map<string, SubmissionInput>();
  if (typeof window !== 'undefined') {
    window.addEventListener(
      'pagehide',
      () => {
        let size = 0;
        const submissions = [...unsent.values()].filter((wire) => (size += JSON.stringify(wire).length) < KEEPALIVE_CHARS).slice(0, LIMITS.batchSize);
        if (!submissions[0]) return;
        const body = JSON.stringify({ site: credentials.site, reporter: credentials.reporter, submissions });
        // `text/plain` keeps it a simple request (no preflight, which a closing page could not wait for).
        fetch(credentials.endpoint + PATHS.submissions, { method: 'POST', keepalive: true, body, headers: { 'content-type': 'text/plain' } }).catch(() => undefined);
      },
      { signal },
    );
  }
  return {
    track(submission) {
      if (waiting(submission)) unsent.set(submission.clientId, submission.wire);
      else unsent.delete(submission.clientId);
    },
  };
}
