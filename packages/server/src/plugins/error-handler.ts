import type { ErrorBody } from '@sori/protocol';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { errors, replyWithError, toApiError, type ApiError } from '../errors.js';
import { STRICT_HEADERS } from './security-headers.js';

/** The headers of an answer no hook sees: the strict ones, and no caching. */
const EARLY_HEADERS = { ...STRICT_HEADERS, 'cache-control': 'no-store' };

/**
 * Fastify's `frameworkErrors`: what its router refuses before any route or hook runs (a path that
 * is not valid percent-encoding, a path parameter over `maxParamLength`), in the one shape.
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return replyWithError(reply.headers(EARLY_HEADERS), toApiError(error));
}

/** What Node's HTTP parser refused, as the registry's error. */
function clientErrorOf(error: NodeJS.ErrnoException): ApiError {
  if (error.code === 'HPE_HEADER_OVERFLOW') return errors.headersTooLarge();
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return errors.timeout();
  return errors.badRequest(400, 'The request is not valid HTTP/1.1');
}

/**
 * Fastify's `clientErrorHandler`: Node answers these itself, before Fastify sees a request (URL
 * and headers over `maxHeaderSize`, a request that did not arrive within `headersTimeout` or
 * `requestTimeout`, bytes that are not HTTP), so the answer is written to the socket here, in the
 * one shape, and the connection closed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // As Node's own handler does (lib/_http_server.js, socketOnError): write nothing into an answer
  // already under way on this socket, which would corrupt it for the client.
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const apiError = clientErrorOf(error);
    const body: ErrorBody = { error: { code: apiError.code, message: apiError.message } };
    const json = JSON.stringify(body);
    const headers = { ...EARLY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json), connection: 'close' };
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(`HTTP/1.1 ${apiError.statusCode} ${STATUS_CODES[apiError.statusCode] ?? ''}\r\n${head.join('')}\r\n${json}`);
  }
  socket.destroy(error);
}

/**
 * Answers every error — thrown by a route, a hook, a schema or Fastify itself — and every unknown
 * route in the one shape `{ error: { code, message, field? } }`, through `replyWithError`. What the
 * router and Node refuse earlier is answered by {@link answerFrameworkError} and
 * {@link answerClientError}, which `app.ts` hands to Fastify.
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
