import type { ErrorCode } from '@sori/protocol';

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
 * throw what it returns, and the error handler answers `{ error: { code, message, field? } }`.
 */
export const errors = {
  invalid: (message: string, field?: string) => new ApiError('invalid', 400, message, field),
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
  notFound: (what: string) => new ApiError('not_found', 404, `${what} not found`),
  invalidTransition: (from: string, to: string, allowed: readonly string[]) =>
    new ApiError('invalid_transition', 409, `Cannot go from "${from}" to "${to}"; allowed: ${allowed.join(', ')}`, 'status'),
  conflict: (message: string, field?: string) => new ApiError('conflict', 409, message, field),
  notResolved: () => new ApiError('not_resolved', 409, 'Only a resolved or closed item can be rated'),
} as const;
