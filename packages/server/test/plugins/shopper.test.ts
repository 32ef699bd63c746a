import { describe, expect, it } from 'vitest';
import { buildTestApp, engines, reporterSecret, send, shopperHeaders, STORE_ORIGIN, submission, useTestApp } from '../helpers.js';

describe.each(engines)('the shopper side on %s', (engine) => {
  const t = useTestApp(engine);

  it('refuses an unknown site key, a foreign origin and a missing reporter secret with clear errors', async () => {
    const unknown = await send(t, reporterSecret(), [submission()], { 'x-sori-site': 'pk_doesnotexist' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('unknown_site');
    const foreign = await send(t, reporterSecret(), [submission()], { origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error).toMatchObject({ code: 'origin_not_allowed' });
    expect(foreign.json().error.message).toContain('https://evil.example');
    const anonymous = await send(t, 'not-a-secret', [submission()]);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.message).toContain('x-sori-reporter');
    expect(await t.store.db.selectFrom('submissions').selectAll().execute()).toHaveLength(0);
  });

  it('says who is asking before what they sent is wrong', async () => {
    const res = await send(t, reporterSecret(), [], { 'x-sori-site': 'pk_doesnotexist' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unknown_site');
  });

  it('takes the site key and reporter secret from the body when a beacon cannot set headers', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/submissions',
      headers: { origin: STORE_ORIGIN, 'content-type': 'text/plain' },
      payload: JSON.stringify({ site: t.site.key, reporter: reporterSecret(), submissions: [submission()] }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().results[0].result).toBe('accepted');
  });

  it('refuses a beacon body with a __proto__ key, as the JSON parser does, and stores nothing', async () => {
    const secret = reporterSecret();
    const poisoned = `{"site":"${t.site.key}","reporter":"${secret}","submissions":[${JSON.stringify(submission({ context: { page: 'cart' } })).replace('"page"', '"__proto__"')}]}`;
    for (const type of ['text/plain', 'application/json']) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/submissions', headers: { origin: STORE_ORIGIN, 'content-type': type }, payload: poisoned });
      expect(res.statusCode, type).toBe(400);
      expect(res.json().error.code).toBe('invalid');
    }
    const constructor = `{"site":"${t.site.key}","reporter":"${secret}","submissions":[],"constructor":{"prototype":{"polluted":true}}}`;
    const res = await t.app.inject({ method: 'POST', url: '/v1/submissions', headers: { origin: STORE_ORIGIN, 'content-type': 'text/plain' }, payload: constructor });
    expect(res.statusCode).toBe(400);
    expect(await t.store.db.selectFrom('submissions').selectAll().execute()).toHaveLength(0);
  });

  it('keeps only a hash of the reporter secret', async () => {
    const secret = reporterSecret();
    await send(t, secret, [submission()]);
    const rows = await t.store.db.selectFrom('reporters').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('answers a CORS preflight only for allowed origins', async () => {
    const preflight = (origin: string) =>
      t.app.inject({
        method: 'OPTIONS',
        url: '/v1/submissions',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-sori-site,x-sori-reporter' },
      });
    const allowed = await preflight(STORE_ORIGIN);
    expect(allowed.headers['access-control-allow-origin']).toBe(STORE_ORIGIN);
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('x-sori-reporter');
    const denied = await preflight('https://evil.example');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers no CORS on the desk: the console is same-origin', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/desk/submissions', headers: { origin: STORE_ORIGIN, authorization: `Bearer ${t.token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the per-site rate limit', () => {
  it('answers 429 with a Retry-After the page can read once a site sent too much, from whatever address', async () => {
    const t = await buildTestApp('sqlite', { siteRateLimitPerMinute: 2 });
    try {
      const from = (ip: string) =>
        t.app.inject({ method: 'POST', url: '/v1/submissions', remoteAddress: ip, headers: shopperHeaders(t.site, reporterSecret()), payload: { submissions: [submission()] } });
      expect((await from('10.0.0.1')).statusCode).toBe(200);
      expect((await from('10.0.0.2')).statusCode).toBe(200);
      const third = await from('10.0.0.3');
      expect(third.statusCode).toBe(429);
      expect(third.json().error.code).toBe('rate_limited');
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      // The store's page may read it: the SDK waits as long as it says.
      expect(third.headers['access-control-allow-origin']).toBe(STORE_ORIGIN);
      expect(String(third.headers['access-control-expose-headers']).toLowerCase().split(/,\s*/)).toContain('retry-after');
    } finally {
      await t.close();
    }
  });
});
