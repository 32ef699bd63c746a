import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from './helpers.js';

describe('API documentation', () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await buildTestApp('sqlite');
  });
  afterEach(() => t.close());

  it('describes every public and desk route in OpenAPI at /docs, from the protocol schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const spec = res.json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const path of ['/v1/submissions', '/v1/reporter/items', '/v1/reporter/updates', '/v1/desk/submissions/{id}', '/v1/desk/analytics']) {
      expect(Object.keys(spec.paths)).toContain(path);
    }
    const body = spec.paths['/v1/submissions'].post.requestBody.content['application/json'].schema;
    expect(body.properties.items.maxItems).toBe(50);
    const ui = await t.app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });
});

describe('logs', () => {
  it('carry no message bodies, reporter secrets, tokens or stream tickets', async () => {
    const { loggerOptions } = await import('../src/logger.js');
    const { item, reporterSecret, shopperHeaders, STORE_ORIGIN } = await import('./helpers.js');
    const lines: string[] = [];
    const t = await buildTestApp('sqlite', { logger: loggerOptions('info', { write: (line) => lines.push(line) }) });
    try {
      const secret = reporterSecret();
      await t.app.inject({ method: 'POST', url: '/v1/submissions', headers: shopperHeaders(t.site, secret), payload: { items: [item({ message: 'my card number is 4111' })] } });
      const ticket = (await t.app.inject({ method: 'POST', url: '/v1/reporter/stream-tickets', headers: shopperHeaders(t.site, secret) })).json().ticket;
      await t.app.inject({ method: 'GET', url: `/v1/reporter/updates?ticket=${ticket}x`, headers: { origin: STORE_ORIGIN } });
      await t.app.inject({ method: 'GET', url: '/v1/desk/submissions', headers: { authorization: `Bearer ${t.token}` } });
      const log = lines.join('');
      expect(log).toContain('/v1/submissions');
      for (const secretText of ['my card number', secret, ticket, t.token]) expect(log).not.toContain(secretText);
    } finally {
      await t.close();
    }
  });
});
