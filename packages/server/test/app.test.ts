import { describe, expect, it } from 'vitest';
import { buildTestApp, desk, reporterSecret, send, submission, useTestApp } from './helpers.js';

describe('the app', () => {
  const t = useTestApp('sqlite');

  it('describes every shopper and desk route in OpenAPI at /docs, from the protocol schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const spec = res.json();
    expect(spec.openapi).toMatch(/^3\./);
    const paths = Object.keys(spec.paths);
    for (const path of ['/v1/submissions', '/v1/reporter/submissions', '/v1/reporter/events', '/v1/desk/submissions/{id}', '/v1/desk/analytics', '/v1/desk/notifications']) {
      expect(paths).toContain(path);
    }
    expect(paths).not.toContain('/v1/reporter/updates');
    expect(paths).not.toContain('/v1/reporter/items');
    const body = spec.paths['/v1/submissions'].post.requestBody.content['application/json'].schema;
    expect(body.properties.submissions.maxItems).toBe(50);
    const ui = await t.app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('declares in OpenAPI how each desk operation is authorized, and no shopper one', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(spec.components.securitySchemes).sort()).toEqual(['bearer', 'csrf', 'session']);
    expect(spec.paths['/v1/desk/submissions'].get.security).toEqual([{ bearer: [] }, { session: [] }]);
    expect(spec.paths['/v1/desk/submissions/{id}'].patch.security).toEqual([{ bearer: [] }, { session: [], csrf: [] }]);
    expect(spec.paths['/v1/desk/session'].post.security).toBeUndefined();
    expect(spec.paths['/v1/submissions'].post.security).toBeUndefined();
  });

  it('answers every error in one shape', async () => {
    const noRoute = await t.app.inject({ method: 'GET', url: '/v1/nothing?secret=1' });
    expect(noRoute.statusCode).toBe(404);
    expect(noRoute.json()).toEqual({ error: { code: 'not_found', message: 'No route GET /v1/nothing' } });
    const badJson = await t.app.inject({ method: 'POST', url: '/v1/desk/tokens', headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' }, payload: '{' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.code).toBe('invalid');
    const badType = await desk(t, 'GET', '/v1/desk/submissions?limit=lots');
    expect(badType.json()).toMatchObject({ error: { code: 'invalid', field: 'limit' } });
  });

  it('puts strict security headers on its answers', async () => {
    const res = await send(t, reporterSecret(), [submission()]);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('answers readiness from the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
  });
});

describe('the per-address rate limit', () => {
  it('answers 429 with Retry-After in the one error shape', async () => {
    const t = await buildTestApp('sqlite', { rateLimitPerMinute: 3, siteRateLimitPerMinute: false });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      const limited = await t.app.inject({ method: 'GET', url: '/healthz' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json().error.code).toBe('rate_limited');
      expect(limited.json().error.message).toMatch(/try again in \d+ s/);
    } finally {
      await t.close();
    }
  });
});
