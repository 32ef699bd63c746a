import type { ErrorCode } from '@sori/protocol';

/** Every error the SDK throws. `code` says what went wrong in a way code can check. */
export class SoriError extends Error {
  constructor(
    readonly code: 'invalid_input' | 'not_ready' | 'not_found' | 'network' | ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SoriError';
  }
}

/** The server refused a request; `status` is the HTTP status and `field` names the bad input. */
export class HttpError extends SoriError {
  declare readonly code: ErrorCode;

  constructor(
    readonly status: number,
    code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Seconds the server asked to wait (429, 503). */
    readonly retryAfter?: number,
  ) {
    super(code, message);
    this.name = 'HttpError';
  }
}

/** Whether `error` came from the SDK. */
export function isSoriError(error: unknown): error is SoriError {
  return error instanceof SoriError;
}

/** Whether `error` is the server's refusal of a request. */
export function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError;
}
