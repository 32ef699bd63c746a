import type { Presence, PresenceState } from '@sori/protocol';

/** How long a presence lasts without being sent again (the console sends it every ~10 s). */
export const PRESENCE_TTL_MS = 30_000;

interface Entry {
  name: string;
  state: PresenceState;
  until: number;
}

/**
 * Who is viewing or replying to which submission, on this instance: short-lived, never stored
 * (presence is not history). A user's entry ends when they say `left` or stop renewing it.
 */
export class PresenceBoard {
  readonly #bySubmission = new Map<string, Map<string, Entry>>();

  /** Records what `user` does on a submission; answers the submission's presence when it changed. */
  set(submissionId: string, user: { id: string; name: string }, state: PresenceState | 'left', now = Date.now()): Presence | undefined {
    let users = this.#bySubmission.get(submissionId);
    const before = users?.get(user.id)?.state;
    if (state === 'left') {
      if (!users?.delete(user.id)) return undefined;
      if (users.size === 0) this.#bySubmission.delete(submissionId);
      return this.of(submissionId);
    }
    if (!users) this.#bySubmission.set(submissionId, (users = new Map()));
    users.set(user.id, { name: user.name, state, until: now + PRESENCE_TTL_MS });
    return before === state ? undefined : this.of(submissionId);
  }

  /** Who is on a submission now. */
  of(submissionId: string): Presence {
    const users = [...(this.#bySubmission.get(submissionId) ?? [])].map(([id, { name, state }]) => ({ id, name, state }));
    return { submissionId, users };
  }

  /** Everything on the board, for a stream that just opened. */
  all(): Presence[] {
    return [...this.#bySubmission.keys()].map((id) => this.of(id));
  }

  /** Drops what was not renewed in time; answers the presences that changed. */
  sweep(now = Date.now()): Presence[] {
    const changed: Presence[] = [];
    for (const [submissionId, users] of this.#bySubmission) {
      let dropped = false;
      for (const [userId, entry] of users) {
        if (entry.until > now) continue;
        users.delete(userId);
        dropped = true;
      }
      if (users.size === 0) this.#bySubmission.delete(submissionId);
      if (dropped) changed.push(this.of(submissionId));
    }
    return changed;
  }
}
