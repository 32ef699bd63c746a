import fp from 'fastify-plugin';
import { errors, replyWithError, toApiError } from '../errors.js';

/**
 * Answers every error — thrown by a route, a hook, a schema or Fastify itself — and every unknown
 * route in the one shape `{ error: { code, message, field? } }`, through `replyWithError`.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((thrown, request, reply) => {
      const error = toApiError(thrown);
      if (error.statusCode >= 500) request.log.error({ err: thrown }, 'request failed');
      return replyWithError(reply, error);
    });
    app.setNotFoundHandler((request, reply) => replyWithError(reply, errors.noRoute(request.method, request.url.split('?')[0] ?? '')));
  },
  { name: 'sori-error-handler', dependencies: [] },
);
