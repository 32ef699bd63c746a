import type { BulkChange, BulkResult, DeskSubmission, InboxCounts, InboxQuery } from '@sori/protocol';
import { desk } from '../api/client.js';

/** Answer of `GET /v1/desk/submissions`: one page and the cursor of the next (keyset paging). */
export interface InboxPage {
  submissions: DeskSubmission[];
  nextCursor?: string;
}

/** One page of the inbox, filtered and sorted by the server. */
export function listSubmissions(query: InboxQuery): Promise<InboxPage> {
  return desk<InboxPage>('GET', '/v1/desk/submissions', { query: { ...query } });
}

/** How many open submissions each saved view holds. */
export function fetchCounts(): Promise<InboxCounts> {
  return desk<InboxCounts>('GET', '/v1/desk/submissions/counts');
}

/** One change for many submissions in one request, however many are selected. */
export function bulkChange(change: BulkChange): Promise<BulkResult> {
  return desk<BulkResult>('POST', '/v1/desk/submissions/bulk', { body: change });
}
