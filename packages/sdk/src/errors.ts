import type { ErrorCode } from '@sori/protocol';

/**
 * Every error the SDK throws. `code` says what went wrong in a way code can check; when the server
 * refused a request, `status` is its HTTP status (see {@link isHttpError}).
 */
export class SoriError extends Error {
  constructor(
    readonly code: 'invalid_input' | 'not_ready' | 'not_found' | 'network' | 'outbox_full' | ErrorCode,
    message: string,
    /** The HTTP status, when the server refused the request. */
    readonly status?: number,
    /** The input field the server named as the problem. */
    readonly field?: string,
    /** Seconds the server asked to wait (429, 503). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'SoriError';
  }
}

/**
 * The server's refusal of a request: a {@link SoriError} with the HTTP `status` and the server's
 * error code. One class for both keeps the error family (and the bundle) small.
 */
export type HttpError = SoriError & { readonly status: number; readonly code: ErrorCode };

/** Whether `error` came from the SDK. */
export function isSoriError(error: unknown): error is SoriError {
  return error instanceof SoriError;
}

/** Whether `error` is the server's refusal of a request. */
export function isHttpError(error: unknown): error is HttpError {
  return error instanceof SoriError && error.status !== undefined;
}
