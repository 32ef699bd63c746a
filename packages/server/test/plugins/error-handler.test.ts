import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { desk, rawBody, rawExchange, useTestApp } from '../helpers.js';

describe('errors answered before any route', () => {
  const t = useTestApp('sqlite');

  it('answers what the router refuses in the one shape: a path that is not percent-encoding, an over-long id', async () => {
    const badEncoding = await desk(t, 'GET', '/v1/desk/submissions/%E0%A4%A');
    expect(badEncoding.statusCode).toBe(400);
    expect(badEncoding.json()).toEqual({ error: { code: 'invalid', message: 'The path is not valid percent-encoding' } });
    expect(badEncoding.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    const longId = await desk(t, 'GET', `/v1/desk/submissions/${'a'.repeat(200)}`);
    expect(longId.statusCode).toBe(414);
    expect(longId.json()).toMatchObject({ error: { code: 'uri_too_long' } });
  });

  it('answers what Node refuses itself in the one shape: a URL or headers over the limit, bytes that are not HTTP', { timeout: 30_000 }, async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const { answer: longUrl } = await rawExchange(port, `GET /v1/desk/submissions?q=${'a'.repeat(20_000)} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`);
    expect(longUrl).toMatch(/^HTTP\/1\.1 431 /);
    expect(longUrl).toContain('content-type: application/json');
    expect(longUrl).toContain('x-content-type-options: nosniff');
    expect(rawBody(longUrl)).toMatchObject({ error: { code: 'headers_too_large' } });
    const { answer: longHeader } = await rawExchange(port, `GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nx-big: ${'b'.repeat(20_000)}\r\n\r\n`);
    expect(longHeader).toMatch(/^HTTP\/1\.1 431 /);
    const { answer: garbage } = await rawExchange(port, 'HELLO THERE\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(rawBody(garbage)).toMatchObject({ error: { code: 'invalid' } });
  });
});
