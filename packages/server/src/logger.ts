import type { FastifyServerOptions } from 'fastify';

/**
 * JSON logs that keep secrets out: request lines carry no query string (stream tickets live
 * there), and no headers or bodies are logged at all.
 */
export function loggerOptions(
  level = process.env['LOG_LEVEL'] ?? 'info',
  stream?: { write(line: string): void },
): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] ?? '' }),
    },
  };
}
