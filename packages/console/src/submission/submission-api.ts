import type { DeskChange, DeskDetail, DeskPatch, PresenceInput } from '@sori/protocol';
import { desk } from '../api/client.js';

const one = (id: string) => `/v1/desk/submissions/${encodeURIComponent(id)}`;

/** A submission and its whole timeline. */
export function fetchSubmission(id: string): Promise<DeskDetail> {
  return desk<DeskDetail>('GET', one(id));
}

/** Classify, route, assign or change status; a 409 `invalid_transition` names the allowed statuses. */
export function patchSubmission(id: string, patch: DeskPatch): Promise<DeskChange> {
  return desk<DeskChange>('PATCH', one(id), { body: patch });
}

/** Body of a reply or a note: the text, and the newest event the writer had seen. */
export interface TextInput {
  text: string;
  /**
   * The newest event id on screen when the writer began: the server answers 409 `stale` if a
   * reply, note or shopper message came after it, so two people never answer past each other.
   */
  seenEventId?: number;
}

/** Answers the shopper in public (201). */
export function sendReply(id: string, input: TextInput): Promise<Required<DeskChange>> {
  return desk<Required<DeskChange>>('POST', `${one(id)}/replies`, { body: input });
}

/** Adds an internal note only staff see (201). */
export function addNote(id: string, input: TextInput): Promise<Required<DeskChange>> {
  return desk<Required<DeskChange>>('POST', `${one(id)}/notes`, { body: input });
}

/**
 * Tells others what this user is doing on a submission. `left` goes out as the page goes away:
 * `keepalive` lets it outlive the page, and a 401 then fails at once instead of asking to sign in.
 */
export function putPresence(id: string, state: PresenceInput['state'], leaving = false): Promise<void> {
  return desk<void>('PUT', `${one(id)}/presence`, { body: { state }, ...(leaving ? { keepalive: true, on401: 'throw' as const } : {}) });
}
