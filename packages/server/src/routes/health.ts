import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { errors, replyWithError } from '../errors.js';

/** `/healthz` (the process answers) and `/readyz` (the database answers: send traffic here now). */
export default async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(app.store.db);
      return { ok: true };
    } catch {
      return replyWithError(reply, errors.unavailable('The database does not answer'));
    }
  });
}
