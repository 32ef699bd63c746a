import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errors } from '../errors.js';

/** Where the first string holding a NUL character is in `value` (a dotted path), if anywhere. */
function nulAt(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (!value || typeof value !== 'object' || depth > 20) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = nulAt(inner, path ? `${path}.${key}` : key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function firstNul(request: FastifyRequest): string | undefined {
  return nulAt(request.params, '') ?? nulAt(request.query, '') ?? nulAt(request.body, '');
}

/**
 * Refuses text with a NUL character (U+0000) in a path, query or body, naming the field:
 * PostgreSQL's text columns cannot hold it (SQLite can), so it reached the database as a 500 there.
 * No form or browser sends it; a 400 says what is wrong on both engines alike.
 */
export default fp(
  async (app) => {
    app.addHook('preValidation', async (request) => {
      const field = firstNul(request);
      if (field !== undefined) throw errors.invalid(`${field ? `"${field}"` : 'The request'} holds a NUL character (U+0000), which cannot be stored`, field || undefined);
    });
  },
  { name: 'sori-storable-text', dependencies: [] },
);
