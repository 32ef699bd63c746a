import fp from 'fastify-plugin';

/**
 * Strict headers on every answer, set when the request comes in so that answers which take over
 * the raw response (the event stream) carry them too; the widget's files relax CORP for themselves.
 */
export default fp(
  async (app) => {
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      reply.header('x-frame-options', 'DENY');
      reply.header('cross-origin-resource-policy', 'same-origin');
    });
  },
  { name: 'sori-security-headers', dependencies: [] },
);
