import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../helpers.js';

/** Opens a connection and waits until it is open. */
function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Whether the server closes `socket` within `ms`. */
function closedWithin(socket: Socket, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (socket.destroyed) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    socket.on('error', () => undefined);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

describe('the connection cap', () => {
  let t: TestContext;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await t.close();
  });

  it('refuses a 65th connection from one address, and takes one again when another closes', { timeout: 60_000 }, async () => {
    t = await buildTestApp('sqlite');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    for (let i = 0; i < 64; i++) sockets.push(await open(port));
    const extra = await open(port);
    sockets.push(extra);
    expect(await closedWithin(extra, 2000)).toBe(true);

    // The 64 it holds still work.
    const first = sockets[0]!;
    const answer = new Promise<string>((resolve) => first.once('data', (chunk) => resolve(chunk.toString())));
    first.write('GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
    expect(await answer).toMatch(/^HTTP\/1\.1 200 /);

    const second = sockets[1]!;
    second.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await open(port);
    sockets.push(again);
    expect(await closedWithin(again, 500)).toBe(false);
  });

  it('leaves the trusted proxies alone, through which every client comes', { timeout: 60_000 }, async () => {
    t = await buildTestApp('sqlite', { trustProxy: ['127.0.0.1'], connectionsPerAddress: 4 });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    for (let i = 0; i < 8; i++) sockets.push(await open(port));
    expect(await closedWithin(sockets[7]!, 500)).toBe(false);
  });
});
