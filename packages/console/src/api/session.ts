import { signal } from '@preact/signals';
import type { Session, User } from '@sori/protocol';
import { desk, releaseHeldCalls, setCsrfToken, signInNeeded } from './client.js';
import { isDeskError } from './desk-error.js';

/** Where the console's session stands: being checked at start, none, or signed in. */
export type SessionState = 'checking' | 'signed-out' | 'signed-in';

/** The signed-in user, or `null`. */
export const currentUser = signal<User | null>(null);
/** See {@link SessionState}. */
export const sessionState = signal<SessionState>('checking');

function adopt(session: Session): User {
  setCsrfToken(session.csrfToken);
  const before = currentUser.peek();
  if (signInNeeded.peek()) releaseHeldCalls(before?.id === session.user.id);
  // Keep the same object for the same person, so screens keyed on the user do not start over.
  if (before?.id !== session.user.id) currentUser.value = session.user;
  sessionState.value = 'signed-in';
  return session.user;
}

/** Asks the server whether a session lives (the cookie is HttpOnly, so only the server knows). */
export async function restoreSession(): Promise<void> {
  try {
    adopt(await desk<Session>('GET', '/v1/desk/session', { on401: 'throw' }));
  } catch (error) {
    if (!isDeskError(error, 'unauthorized')) console.warn('Sori console: could not check the session', error);
    sessionState.value = 'signed-out';
  }
}

/**
 * Signs in with email and password. Calls held since the session ended go again when the same
 * person signs in, and fail when someone else does.
 * @throws {DeskError} `unauthorized` on a wrong email or password, `rate_limited` with `retryAfter`.
 */
export async function signIn(email: string, password: string): Promise<User> {
  return adopt(await desk<Session>('POST', '/v1/desk/session', { body: { email, password }, on401: 'throw' }));
}

/** Ends the session on the server and here. */
export async function signOut(): Promise<void> {
  try {
    await desk<void>('DELETE', '/v1/desk/session', { on401: 'throw' });
  } finally {
    setCsrfToken('');
    // Calls still waiting for a sign-in belong to the session that just ended on purpose.
    if (signInNeeded.peek()) releaseHeldCalls(false);
    currentUser.value = null;
    sessionState.value = 'signed-out';
  }
}
