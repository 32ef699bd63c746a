import type { ErrorCode } from '@sori/protocol/constants';

/**
 * Codes a {@link DeskError} can carry: the server's (`ERROR_CODES`), `stale` (a reply would
 * cross a newer reply, note or message) and `network` (no answer at all: offline, DNS, reset).
 */
export type DeskErrorCode = ErrorCode | 'stale' | 'network';

/** What the desk API said when a call failed: `{ error: { code, message, field? } }` and the HTTP status. */
export class DeskError extends Error {
  override readonly name = 'DeskError';
  /** Machine-readable reason, e.g. `invalid_transition`. */
  readonly code: DeskErrorCode;
  /** HTTP status; 0 when no answer came. */
  readonly status: number;
  /** The input field at fault, when the server named one. */
  readonly field: string | undefined;
  /** Seconds to wait before trying again (`Retry-After` on a 429). */
  readonly retryAfter: number | undefined;

  constructor(code: DeskErrorCode, message: string, status: number, options: { field?: string | undefined; retryAfter?: number | undefined } = {}) {
    super(message);
    this.code = code;
    this.status = status;
    this.field = options.field;
    this.retryAfter = options.retryAfter;
  }
}

/** Whether `value` is a {@link DeskError}, optionally of one `code`. */
export function isDeskError(value: unknown, code?: DeskErrorCode): value is DeskError {
  return value instanceof DeskError && (code === undefined || value.code === code);
}

/** Reads a failed response into a {@link DeskError}, tolerating bodies that are not the JSON shape (a proxy's HTML page). */
export async function toDeskError(response: Response): Promise<DeskError> {
  const retry = Number(response.headers.get('retry-after'));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : undefined;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = typeof body === 'object' && body !== null && 'error' in body ? (body as { error: unknown }).error : undefined;
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    // The server's error shape (ErrorBody); `field` is optional.
    const { code, message, field } = error as { code: DeskErrorCode; message: string; field?: string };
    return new DeskError(code, String(message), response.status, { field, retryAfter });
  }
  return new DeskError(response.status === 429 ? 'rate_limited' : response.status >= 500 ? 'unavailable' : 'invalid', response.statusText || `HTTP ${response.status}`, response.status, { retryAfter });
}
