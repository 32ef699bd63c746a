import { storage } from '../ui/storage.js';

/** A half-written reply or note, kept on this device until it is sent. */
export interface Draft {
  mode: 'reply' | 'note';
  text: string;
  /** The newest event on screen when writing began (see `TextInput.seenEventId`). */
  seenEventId?: number;
  savedAt: string;
}

// Per user and per submission: two people sharing a browser never see each other's drafts.
const key = (userId: string, submissionId: string) => `sori.console.draft.${userId}.${submissionId}`;

/** The draft this user left on this submission, if any. */
export function readDraft(userId: string, submissionId: string): Draft | undefined {
  const draft = storage.get<Draft>(key(userId, submissionId));
  return draft && typeof draft.text === 'string' && draft.text ? draft : undefined;
}

/**
 * Keeps a draft (written on every change, so a closed tab, a crash or an ended session loses
 * nothing); an empty text removes it. Returns whether the device kept it.
 */
export function writeDraft(userId: string, submissionId: string, draft: Omit<Draft, 'savedAt'>): boolean {
  return storage.set(key(userId, submissionId), draft.text ? { ...draft, savedAt: new Date().toISOString() } : undefined);
}
