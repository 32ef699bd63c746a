import { connect } from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers.js';

describe('a graceful shutdown', () => {
  const t = useTestApp('sqlite');
  let base: URL;
  beforeEach(async () => {
    t.app.get('/test/slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { done: true };
    });
    base = new URL(await t.app.listen({ port: 0, host: '127.0.0.1' }));
  });

  it('finishes requests in flight, and closes their connections after the answer', async () => {
    const inFlight = fetch(new URL('/test/slow', base));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await t.app.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.headers.get('connection')).toBe('close');
    expect(await res.json()).toEqual({ done: true });
  });

  it('does not wait for a connection that never sent a request', async () => {
    const spare = connect(Number(base.port), base.hostname);
    await new Promise((resolve) => spare.once('connect', resolve));
    const started = Date.now();
    await t.app.close();
    expect(Date.now() - started).toBeLessThan(1000);
    spare.destroy();
  });
});
