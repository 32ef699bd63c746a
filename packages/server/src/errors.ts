import { LIMITS, type ErrorBody, type ErrorCode } from '@sori/protocol';
import type { FastifyError, FastifyReply } from 'fastify';

/** An error the API answers on purpose, with a stable code and HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly statusCode: number,
    message: string,
    readonly field?: string,
    /** Seconds to wait before retrying, sent as `Retry-After`. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Every error the API answers, registered once (like Fastify's `FST_ERR_*`): call one of these,
 * throw what it returns, and {@link replyWithError} answers `{ error: { code, message, field? } }`.
 */
export const errors = {
  invalid: (message: string, field?: string) => new ApiError('invalid', 400, message, field),
  /** A request Fastify refused before any schema saw it (bad JSON, unknown content type, …). */
  badRequest: (statusCode: number, message: string) => new ApiError('invalid', statusCode, message),
  payloadTooLarge: () => new ApiError('payload_too_large', 413, `A request body may carry at most ${LIMITS.bodyBytes} bytes`),
  uriTooLong: () => new ApiError('uri_too_long', 414, 'A part of the path is too long: an id is at most 100 characters'),
  headersTooLarge: () => new ApiError('headers_too_large', 431, 'The URL and headers are too large: send what is long in the body'),
  timeout: () => new ApiError('timeout', 408, 'The request took too long to arrive; send it again'),
  unknownSite: () =>
    new ApiError('unknown_site', 401, `Unknown site key: send the site's public key (pk_…) in the x-sori-site header or as "site"`, 'site'),
  originNotAllowed: (origin: string | undefined) =>
    new ApiError(
      'origin_not_allowed',
      403,
      origin
        ? `Origin ${origin} is not allowed for this site: add it with "pnpm sori site create --origin" or in the site settings`
        : 'Requests to the public API must come from a browser page on an allowed origin (no Origin header was sent)',
    ),
  unauthorized: (message = 'Sign in or send "Authorization: Bearer <API token>"') => new ApiError('unauthorized', 401, message),
  forbidden: (message = 'Your role does not allow this') => new ApiError('forbidden', 403, message),
  csrf: (header: string) => new ApiError('csrf', 403, `Send the session's CSRF token in the ${header} header`),
  notFound: (what: string) => new ApiError('not_found', 404, `${what} not found`),
  noRoute: (method: string, path: string) => new ApiError('not_found', 404, `No route ${method} ${path}`),
  invalidTransition: (from: string, to: string, allowed: readonly string[]) =>
    new ApiError('invalid_transition', 409, `Cannot go from "${from}" to "${to}"; allowed: ${allowed.join(', ')}`, 'status'),
  conflict: (message: string, field?: string) => new ApiError('conflict', 409, message, field),
  stale: (who: string, what: 'reply' | 'note' | 'message') =>
    new ApiError('stale', 409, `A newer ${what} from ${who} came while you were writing: read it, then send again with its id as "seenEventId"`, 'seenEventId'),
  notResolved: () => new ApiError('not_resolved', 409, 'Only a resolved or closed submission can be rated'),
  alreadyRated: () =>
    new ApiError('already_rated', 409, 'This resolution was already rated; the shopper is asked again if the submission is reopened and resolved anew', 'score'),
  rateLimited: (retryAfter: number, who = 'Too many requests') =>
    new ApiError('rate_limited', 429, `${who}: try again in ${retryAfter} s`, undefined, retryAfter),
  unavailable: (message: string) => new ApiError('unavailable', 503, message),
  internal: () => new ApiError('internal', 500, 'Something went wrong on the server; the request can be retried'),
} as const;

/** The field a Fastify schema error names: `body/contact/email` → `contact.email`. */
function fieldOf(validation: NonNullable<FastifyError['validation']>): string | undefined {
  const first = validation[0];
  if (!first) return undefined;
  const path = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const missing = first.params['missingProperty'];
  return path || (typeof missing === 'string' ? missing : undefined);
}

/** What any thrown error is answered as: itself when registered, else the registry's nearest entry. */
export function toApiError(thrown: unknown): ApiError {
  if (thrown instanceof ApiError) return thrown;
  if (!(thrown instanceof Error)) return errors.internal();
  // Fastify's own errors (schema, body parsing, limits) are Errors with these fields.
  const error: Partial<FastifyError> = thrown;
  if (error.validation) return errors.invalid(thrown.message, fieldOf(error.validation));
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return errors.payloadTooLarge();
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return errors.uriTooLong();
  if (error.code === 'FST_ERR_BAD_URL') return errors.invalid('The path is not valid percent-encoding');
  const status = error.statusCode;
  if (status && status >= 400 && status < 500) return errors.badRequest(status, thrown.message);
  return errors.internal();
}

/** The one way an error is answered: its status, `Retry-After` when it has one, and the one JSON shape. */
export function replyWithError(reply: FastifyReply, error: ApiError): FastifyReply {
  if (error.retryAfter !== undefined) reply.header('retry-after', String(error.retryAfter));
  const body: ErrorBody = { error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } };
  return reply.code(error.statusCode).send(body);
}
