import fp from 'fastify-plugin';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A shutdown that drains: requests in flight finish, and then their connections close, rather than
 * idling in keep-alive and holding the shutdown up. Connections with no request in flight — idle
 * keep-alive ones, and the spare ones browsers (and undici) open ahead of a request, which
 * `closeIdleConnections` leaves alone — are closed at once.
 */
export default fp(
  async (app) => {
    let closing = false;
    const idle = new Set<Socket>();
    app.server.on('connection', (socket: Socket) => {
      idle.add(socket);
      socket.once('close', () => idle.delete(socket));
    });
    app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      idle.delete(request.socket);
      response.once('close', () => {
        if (closing) request.socket.end();
        else if (!request.socket.destroyed) idle.add(request.socket);
      });
    });
    app.addHook('onSend', async (_request, reply) => {
      if (closing) reply.header('connection', 'close');
    });
    app.addHook('preClose', async () => {
      closing = true;
      for (const socket of idle) socket.destroy();
    });
  },
  { name: 'sori-graceful-close', dependencies: [] },
);
