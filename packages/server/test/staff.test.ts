import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken, createUser } from '../src/services/users.js';
import { buildTestApp, engines, item, reporterSecret, shopperHeaders, type TestContext } from './helpers.js';

describe.each(engines)('staff sessions, users and erasure on %s', (engine) => {
  let t: TestContext;
  let adminToken: string;
  beforeEach(async () => {
    t = await buildTestApp(engine);
    await createUser(t.store.db, { email: 'boss@shop.example', role: 'admin', password: 'boss password 1', name: 'Boss' });
    adminToken = (await createApiToken(t.store.db, { userEmail: 'boss@shop.example' })).token;
  });
  afterEach(() => t.close());

  async function signIn(email = 'agent@shop.example', password = 'correct horse battery') {
    return t.app.inject({ method: 'POST', url: '/v1/desk/session', payload: { email, password } });
  }

  it('signs in with an HttpOnly SameSite=Strict cookie and refuses writes without the CSRF token', async () => {
    const res = await signIn();
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/sori_session=[^;]+;/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const cookie = setCookie.split(';')[0]!;
    const { csrfToken, user } = res.json();
    expect(user).toMatchObject({ email: 'agent@shop.example', role: 'agent' });

    const list = await t.app.inject({ method: 'GET', url: '/v1/desk/submissions', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    const submitted = await t.app.inject({ method: 'POST', url: '/v1/submissions', headers: shopperHeaders(t.site, reporterSecret()), payload: { items: [item()] } });
    const id = submitted.json().results[0].receipt.id;
    const forged = await t.app.inject({ method: 'PATCH', url: `/v1/desk/submissions/${id}`, headers: { cookie }, payload: { status: 'triaged' } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('csrf');
    const ok = await t.app.inject({ method: 'PATCH', url: `/v1/desk/submissions/${id}`, headers: { cookie, 'x-csrf-token': csrfToken }, payload: { status: 'triaged' } });
    expect(ok.statusCode).toBe(200);

    await t.app.inject({ method: 'DELETE', url: '/v1/desk/session', headers: { cookie } });
    const after = await t.app.inject({ method: 'GET', url: '/v1/desk/submissions', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const wrong = await signIn('agent@shop.example', 'not the password');
    const unknown = await signIn('nobody@shop.example', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('lets admins add users and agents make their own tokens, and nothing more', async () => {
    const byAgent = await t.app.inject({
      method: 'POST', url: '/v1/desk/users', headers: { authorization: `Bearer ${t.token}` },
      payload: { email: 'new@shop.example', role: 'admin', password: 'long password 1' },
    });
    expect(byAgent.statusCode).toBe(403);
    const byAdmin = await t.app.inject({
      method: 'POST', url: '/v1/desk/users', headers: { authorization: `Bearer ${adminToken}` },
      payload: { email: 'new@shop.example', role: 'agent', password: 'long password 1', department: 'logistics' },
    });
    expect(byAdmin.statusCode).toBe(201);
    expect(byAdmin.json()).toMatchObject({ email: 'new@shop.example', role: 'agent', department: 'logistics' });
    const token = await t.app.inject({ method: 'POST', url: '/v1/desk/tokens', headers: { authorization: `Bearer ${t.token}` }, payload: { name: 'zapier' } });
    expect(token.statusCode).toBe(201);
    const users = await t.app.inject({ method: 'GET', url: '/v1/desk/users', headers: { authorization: `Bearer ${token.json().token}` } });
    expect(users.json().users.map((u: { email: string }) => u.email)).toContain('new@shop.example');
  });

  it("erases a shopper's words and contact on request, keeping an audited timeline", async () => {
    const secret = reporterSecret();
    const submitted = await t.app.inject({
      method: 'POST', url: '/v1/submissions', headers: shopperHeaders(t.site, secret),
      payload: { items: [item({ message: 'My address is 12 Secret St', contact: { email: 'me@example.com', consent: true } })] },
    });
    const id = submitted.json().results[0].receipt.id;
    const byAgent = await t.app.inject({ method: 'POST', url: `/v1/desk/submissions/${id}/erasure`, headers: { authorization: `Bearer ${t.token}` }, payload: { reason: 'asked by email' } });
    expect(byAgent.statusCode).toBe(403);
    const res = await t.app.inject({ method: 'POST', url: `/v1/desk/submissions/${id}/erasure`, headers: { authorization: `Bearer ${adminToken}` }, payload: { reason: 'asked by email' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().submission.contact).toBeUndefined();
    const detail = await t.app.inject({ method: 'GET', url: `/v1/desk/submissions/${id}`, headers: { authorization: `Bearer ${adminToken}` } });
    expect(JSON.stringify(detail.json())).not.toContain('12 Secret St');
    expect(detail.json().timeline.at(-1)).toMatchObject({ type: 'erasure', message: 'asked by email', actorName: 'Boss', public: false });
  });

  it('answers readiness from the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After per address and per site', async () => {
    const perAddress = await buildTestApp('sqlite', { rateLimitPerMinute: 3, siteRateLimitPerMinute: false });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await perAddress.app.inject({ method: 'GET', url: '/healthz' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      const limited = await perAddress.app.inject({ method: 'GET', url: '/healthz' });
      expect(limited.headers['retry-after']).toBeDefined();
      expect(limited.json().error.code).toBe('rate_limited');
    } finally {
      await perAddress.close();
    }
    const perSite = await buildTestApp('sqlite', { siteRateLimitPerMinute: 2 });
    try {
      const send = (ip: string) =>
        perSite.app.inject({ method: 'POST', url: '/v1/submissions', remoteAddress: ip, headers: shopperHeaders(perSite.site, reporterSecret()), payload: { items: [item()] } });
      expect((await send('10.0.0.1')).statusCode).toBe(200);
      expect((await send('10.0.0.2')).statusCode).toBe(200);
      const third = await send('10.0.0.3');
      expect(third.statusCode).toBe(429);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await perSite.close();
    }
  });
});
