import type { DeskChange, FollowUpInput, FollowUpList } from '@sori/protocol';
import { desk } from '../api/client.js';

/** The follow-up list: resolved complaints to call back. */
export function fetchFollowUps(): Promise<FollowUpList> {
  return desk<FollowUpList>('GET', '/v1/desk/follow-ups');
}

/** Records how a call went. */
export function recordFollowUp(id: string, input: FollowUpInput): Promise<DeskChange> {
  return desk<DeskChange>('POST', `/v1/desk/submissions/${encodeURIComponent(id)}/follow-ups`, { body: input });
}
