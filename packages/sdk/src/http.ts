import { REPORTER_HEADER, SITE_HEADER, type ErrorCode } from '@sori/protocol/constants';
import { isHttpError, SoriError } from './errors.js';

/** Who is asking: the site key and the reporter secret travel in headers, never in URLs. */
export interface Credentials {
  endpoint: string;
  site: string;
  reporter: string;
}

/**
 * Calls the Sori server and answers its JSON, or throws a {@link SoriError}: with the HTTP `status` when the server refused, `network` when it was not reached.
 * With a `body` it is a JSON `POST` (every POST of the protocol has one), without it a `GET`.
 */
export async function request<T>(credentials: Credentials, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { [SITE_HEADER]: credentials.site, [REPORTER_HEADER]: credentials.reporter };
  const post = body !== undefined;
  if (post) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(credentials.endpoint + path, { method: post ? 'POST' : 'GET', headers, body: post ? JSON.stringify(body) : null });
  } catch (error) {
    throw new SoriError('network', `Could not reach ${credentials.endpoint}: ${error}`);
  }
  const answer: unknown = await res.json().catch(() => undefined);
  if (res.ok) return answer as T;
  const detail = (answer as { error?: { code?: ErrorCode; message?: string; field?: string } } | undefined)?.error;
  const retryAfter = Number(res.headers.get('retry-after'));
  throw new SoriError(
    detail?.code ?? (res.status >= 500 ? 'unavailable' : 'invalid'),
    detail?.message ?? `HTTP ${res.status}`,
    res.status,
    detail?.field,
    retryAfter > 0 ? retryAfter : undefined, // NaN (no header) is not > 0
  );
}

/** Whether a failed request may succeed later as it is (network, timeout, rate limit, server trouble). */
export function isTransient(error: unknown): boolean {
  if (isHttpError(error)) return error.status === 408 || error.status === 429 || error.status >= 500;
  return true;
}
