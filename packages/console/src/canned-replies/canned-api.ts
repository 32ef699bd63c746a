import { signal } from '@preact/signals';
import type { CannedReply, CannedReplyInput } from '@sori/protocol';
import { desk } from '../api/client.js';

const PATH = '/v1/desk/canned-replies';

/** The canned replies, shared by the composer's picker and the manage screen. `undefined` until loaded. */
export const cannedReplies = signal<readonly CannedReply[] | undefined>(undefined);

/** Loads the canned replies (once; `force` to ask again). */
export async function loadCannedReplies(force = false): Promise<readonly CannedReply[]> {
  const known = cannedReplies.peek();
  if (known && !force) return known;
  const { cannedReplies: list } = await desk<{ cannedReplies: CannedReply[] }>('GET', PATH);
  cannedReplies.value = list;
  return list;
}

/** Adds a canned reply (201). */
export async function createCannedReply(input: CannedReplyInput): Promise<CannedReply> {
  const created = await desk<CannedReply>('POST', PATH, { body: input });
  cannedReplies.value = [...(cannedReplies.peek() ?? []), created];
  return created;
}

/** Changes some fields of a canned reply. */
export async function updateCannedReply(id: string, input: Partial<CannedReplyInput>): Promise<CannedReply> {
  const updated = await desk<CannedReply>('PATCH', `${PATH}/${encodeURIComponent(id)}`, { body: input });
  cannedReplies.value = (cannedReplies.peek() ?? []).map((reply) => (reply.id === id ? updated : reply));
  return updated;
}

/** Deletes a canned reply (204). */
export async function deleteCannedReply(id: string): Promise<void> {
  await desk<void>('DELETE', `${PATH}/${encodeURIComponent(id)}`);
  cannedReplies.value = (cannedReplies.peek() ?? []).filter((reply) => reply.id !== id);
}
