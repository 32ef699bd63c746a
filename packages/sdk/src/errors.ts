import type { ErrorCode } from '@sori/protocol';
import { present } from './present.js';
import type { Rejection } from './types.js';

/**
 * Every error the SDK throws. `code` says what went wrong in a way code can check; when the server
 * refused a request, `status` is its HTTP status (see {@link isHttpError}).
 *
 * @example
 * try {
 *   await sori.submit({ kind: 'complaint', message });
 * } catch (error) {
 *   if (isSoriError(error) && error.code === 'outbox_full') showTryLater();
 * }
 */
export class SoriError extends Error {
  constructor(
    /** What went wrong: the SDK's own code, or the server's when it refused the request. */
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
 * error code. A refinement of `SoriError` rather than a subclass: `instanceof SoriError` covers
 * every failure, and {@link isHttpError} tells this one apart.
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

/**
 * The reason shown for a failure that waiting will not cure: the server's code, message and field
 * when it refused, or `internal` with the error's message when the SDK itself failed.
 */
export function rejection(error: unknown): Rejection {
  if (isHttpError(error)) return { code: error.code, message: error.message, ...present({ field: error.field }) };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
