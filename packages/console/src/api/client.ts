import { signal } from '@preact/signals';
import { DeskError, toDeskError } from './desk-error.js';

/** Values a query string may carry; `undefined` leaves the parameter out. */
export type QueryValue = string | number | boolean | undefined;

/** Options of one desk call. */
export interface CallOptions {
  /** JSON body. */
  body?: unknown;
  /** Query parameters; `undefined` values are left out. */
  query?: Readonly<Record<string, QueryValue>> | undefined;
  /** Let the request outlive the page (`pagehide`). */
  keepalive?: boolean;
  /**
   * What a 401 means: `wait` (default) asks the person to sign in again over the page, then sends
   * the call again; `throw` fails at once (sign-in itself, and calls made while the page goes away).
   */
  on401?: 'wait' | 'throw';
}

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

let csrfToken = '';
// Only a session that was live can "end": signed out, a 401 is an answer, not a reason to wait.
let sessionLive = false;
let waiting: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];

/**
 * True while a call is held because the session ended: the app draws the sign-in dialog over the
 * page (nothing else is taken off screen) and the held calls go again once signed in.
 */
export const signInNeeded = signal(false);

/**
 * What the server said when the session ended (a disabled account says so), for the sign-in
 * dialog; `undefined` when it said nothing more than 401.
 */
export const sessionEndedBecause = signal<string | undefined>(undefined);

/** Sets the token every state-changing call sends in `x-csrf-token`; empty when signed out. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
  sessionLive = token !== '';
}

/**
 * Releases the calls held since the session ended. `sameUser` false (someone else signed in at
 * this screen) fails them instead: a reply must never go out under another person's name.
 */
export function releaseHeldCalls(sameUser: boolean): void {
  signInNeeded.value = false;
  sessionEndedBecause.value = undefined;
  const held = waiting;
  waiting = [];
  for (const call of held) {
    if (sameUser) call.resolve();
    else call.reject(new DeskError('unauthorized', 'Signed in as someone else', 401));
  }
}

function waitForSignIn(): Promise<void> {
  signInNeeded.value = true;
  return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
}

/** The URL of a desk path on this origin, with its query string. */
export function deskUrl(path: string, query?: Readonly<Record<string, QueryValue>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * Sends one call to the desk API on this origin with the session cookie, and the CSRF header on
 * writes. The one place that handles a 401: see {@link CallOptions.on401}.
 * @throws {DeskError} on any non-2xx answer, or with code `network` when no answer came.
 */
export async function deskFetch(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  for (;;) {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (WRITES.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
    let response: Response;
    try {
      response = await fetch(deskUrl(path, options.query), {
        method,
        headers,
        credentials: 'same-origin',
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        ...(options.keepalive ? { keepalive: true } : {}),
      });
    } catch (cause) {
      throw new DeskError('network', cause instanceof Error ? cause.message : 'No answer from the server', 0);
    }
    if (response.status === 401 && options.on401 !== 'throw' && sessionLive) {
      sessionEndedBecause.value = (await toDeskError(response)).message || undefined;
      await waitForSignIn();
      continue;
    }
    if (!response.ok) throw await toDeskError(response);
    return response;
  }
}

/** {@link deskFetch} and its JSON answer (`undefined` for 204). */
export async function desk<T>(method: string, path: string, options?: CallOptions): Promise<T> {
  const response = await deskFetch(method, path, options);
  // 204 No Content: the calls that answer nothing are typed `void`.
  if (response.status === 204) return undefined as T;
  // Typed by the protocol's static types, not checked: TypeBox stays out of the browser.
  return (await response.json()) as T;
}
