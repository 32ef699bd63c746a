import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errors } from '../errors.js';

/** The first query or path parameter that is a number JavaScript cannot count with, if any. */
function nonFinite(request: FastifyRequest): string | undefined {
  for (const part of [request.query, request.params]) {
    if (!part || typeof part !== 'object') continue;
    for (const [name, value] of Object.entries(part)) {
      const values: unknown[] = Array.isArray(value) ? value : [value];
      if (values.some((v) => typeof v === 'number' && !Number.isFinite(v))) return name;
    }
  }
  return undefined;
}

/**
 * Refuses query and path parameters that schema coercion turned into `Infinity`: ajv coerces
 * `"1e400"`, `"Infinity"` and `"-Infinity"` to a non-finite number, calls it an integer, and then
 * skips `minimum` and `maximum`, which only look at finite numbers
 * (https://github.com/ajv-validator/ajv/issues/2212, https://github.com/fastify/fastify/issues/6718).
 * Such a value reached the database as a 500; here it is a 400 naming the field, right after
 * validation (and so after who is asking: a stranger still hears 401 first).
 */
export default fp(
  async (app) => {
    app.addHook('preHandler', async (request) => {
      const field = nonFinite(request);
      if (field !== undefined) throw errors.invalid(`"${field}" must be a finite number`, field);
    });
  },
  { name: 'sori-finite-numbers', dependencies: [] },
);
