import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, openEventStream, rawBody, rawExchange, reporterSecret, type TestContext } from './helpers.js';

describe('the server’s timeouts', () => {
  let t: TestContext;
  afterEach(() => t.close());

  async function listen(options: Parameters<typeof buildTestApp>[1]) {
    t = await buildTestApp('sqlite', options);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    return (t.app.server.address() as AddressInfo).port;
  }

  it('closes a connection that sends its headers and a few body bytes, then stalls, with a 408 in the one shape', { timeout: 30_000 }, async () => {
    const port = await listen({ headersTimeoutMs: 400, requestTimeoutMs: 800 });
    const body = `POST /v1/submissions HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 5000\r\n\r\n{"subm`;
    const stalled = await rawExchange(port, body);
    expect(stalled.closedAfterMs).toBeDefined();
    expect(stalled.closedAfterMs).toBeLessThan(5000);
    expect(stalled.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(rawBody(stalled.answer)).toMatchObject({ error: { code: 'timeout' } });

    // Headers that never end are cut too.
    const slowHeaders = await rawExchange(port, 'GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nx-slow: 1');
    expect(slowHeaders.closedAfterMs).toBeLessThan(5000);
  });

  it('keeps event streams open past the request timeout, on heartbeats', { timeout: 30_000 }, async () => {
    const port = await listen({ headersTimeoutMs: 200, requestTimeoutMs: 300, idleTimeoutMs: 600, heartbeatSeconds: 0.1 });
    const base = `http://127.0.0.1:${port}`;
    const reporter = await openEventStream(base, t.app, t.site, reporterSecret());
    const staff = await fetch(`${base}/v1/desk/events`, { headers: { accept: 'text/event-stream', authorization: `Bearer ${t.token}` } });
    expect([reporter.status, staff.status]).toEqual([200, 200]);
    const heartbeatsAfter = async (res: Response, ms: number): Promise<number> => {
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      const until = Date.now() + ms;
      let late = 0;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream was cut');
        // Heartbeats that came after the request timeout and the idle timeout had long passed.
        if (Date.now() > until) {
          late += value.split('event: heartbeat').length - 1;
          if (late >= 3) break;
        }
      }
      await reader.cancel();
      return late;
    };
    const [fromReporter, fromStaff] = await Promise.all([heartbeatsAfter(reporter, 1500), heartbeatsAfter(staff, 1500)]);
    expect(fromReporter).toBeGreaterThanOrEqual(3);
    expect(fromStaff).toBeGreaterThanOrEqual(3);
  });

  it('refuses an idle timeout the heartbeat could not beat', async () => {
    await expect(buildTestApp('sqlite', { idleTimeoutMs: 10_000, heartbeatSeconds: 15 })).rejects.toThrow(/idleTimeoutMs .* must be longer than the heartbeat/);
    t = await buildTestApp('sqlite');
  });
});
