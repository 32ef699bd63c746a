import fp from 'fastify-plugin';
import type { Socket } from 'node:net';
import { plainAddress } from '../addresses.js';

/** Options of the connection cap. */
export interface ConnectionCapOptions {
  /** Open connections one address may hold, or `false` for no cap. */
  perAddress: number | false;
  /** Peers the cap does not count: the trusted proxies, through which every client comes. */
  exempt: (address: string) => boolean;
}

/**
 * A cap on the connections one address holds open at once: a connection past it is closed as soon
 * as it opens, before a byte is read, so that one host cannot take every socket (slow requests,
 * idle keep-alives) from everyone else. A browser needs one event stream and a few requests.
 */
export default fp<ConnectionCapOptions>(
  async (app, { perAddress, exempt }) => {
    if (perAddress === false) return;
    const open = new Map<string, number>();
    // Told once per crowding, not once per refused socket: a flood must not flood the log too.
    const crowded = new Set<string>();
    app.server.on('connection', (socket: Socket) => {
      const address = socket.remoteAddress && plainAddress(socket.remoteAddress);
      if (!address || exempt(address)) return;
      const count = open.get(address) ?? 0;
      if (count >= perAddress) {
        if (!crowded.has(address)) app.log.warn({ address, open: count }, 'refusing connections: this address holds too many open');
        crowded.add(address);
        socket.destroy();
        return;
      }
      open.set(address, count + 1);
      socket.once('close', () => {
        const left = (open.get(address) ?? 1) - 1;
        if (left > 0) open.set(address, left);
        else open.delete(address);
        if (left < perAddress) crowded.delete(address);
      });
    });
  },
  { name: 'sori-connections', dependencies: [] },
);
