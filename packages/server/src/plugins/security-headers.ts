import fp from 'fastify-plugin';

/** What every answer carries unless its route relaxes it (the widget's files relax CORP). */
export const STRICT_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
} as const;

/**
 * Strict headers on every answer, set when the request comes in so that answers which take over
 * the raw response (the event stream) carry them too; the widget's files relax CORP for themselves.
 * Nothing is cached unless its route says how (the widget's files, the console's hashed assets):
 * desk, reporter and export answers hold what only their caller may see, and a shared cache or
 * the browser's disk must not keep it.
 */
export default fp(
  async (app) => {
    app.addHook('onRequest', async (_request, reply) => {
      reply.headers(STRICT_HEADERS);
    });
    app.addHook('onSend', async (_request, reply, payload) => {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    });
  },
  { name: 'sori-security-headers', dependencies: [] },
);
