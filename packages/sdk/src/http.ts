import { REPORTER_HEADER, SITE_HEADER, type ErrorCode } from '@sori/protocol/constants';
import { isHttpError, isSoriError, SoriError } from './errors.js';

/** Who is asking: the site key and the reporter secret travel in headers, never in URLs. */
export interface Credentials {
  /** The server's origin (and path prefix, if any), without a trailing slash. */
  endpoint: string;
  /** The site's public key, `pk_…`. */
  site: string;
  /** The reporter secret (see `reporter.ts`). */
  reporter: string;
}

/**
 * Calls the Sori server and answers its JSON, or throws a {@link SoriError}: with the HTTP `status`
 * when the server refused, code `network` when no answer came (the request or the answer's body
 * did not get through). With a `body` it is a JSON `POST` (every POST of the protocol has one),
 * without it a `GET`.
 */
export async function request<T>(credentials: Credentials, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { [SITE_HEADER]: credentials.site, [REPORTER_HEADER]: credentials.reporter };
  const post = body !== undefined;
  if (post) headers['content-type'] = 'application/json';
  let res: Response;
  let text: string;
  try {
    res = await fetch(credentials.endpoint + path, { method: post ? 'POST' : 'GET', headers, body: post ? JSON.stringify(body) : null });
    // Read here, inside the `network` catch: a connection that drops mid-answer is a network failure too.
    text = await res.text();
  } catch (error) {
    throw new SoriError('network', `Could not reach ${credentials.endpoint}: ${error}`);
  }
  const answer = parse(text);
  // The protocol's answers are typed by the caller; the server is the one that checks their shape.
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

/** The JSON in `text`, or `undefined` when it is none (an error page of a proxy, an empty body). */
function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Whether a failed request may succeed later as it is: the server was not reached (`network`), or
 * it answered 408, 429 or 5xx. Anything else, a refusal or a failure of the SDK's own code, will
 * fail the same way again until someone changes something.
 */
export function isTransient(error: unknown): boolean {
  if (isHttpError(error)) return error.status === 408 || error.status === 429 || error.status >= 500;
  return isSoriError(error) && error.code === 'network';
}
