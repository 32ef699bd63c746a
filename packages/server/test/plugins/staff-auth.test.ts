import { describe, expect, it } from 'vitest';
import { createApiToken, createUser } from '../../src/services/users.js';
import { desk, engines, submit, useTestApp } from '../helpers.js';

describe.each(engines)('desk authorization on %s', (engine) => {
  const t = useTestApp(engine);

  it('refuses every desk route without a valid API token or session', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/v1/desk/submissions' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('unauthorized');
    const wrong = await desk(t, 'GET', '/v1/desk/submissions', undefined, 'sori_forged');
    expect(wrong.statusCode).toBe(401);
    for (const [method, url] of [['GET', '/v1/desk/analytics'], ['GET', '/v1/desk/users'], ['GET', '/v1/desk/session'], ['GET', '/v1/desk/notifications'], ['POST', '/v1/desk/tokens']] as const) {
      expect((await t.app.inject({ method, url })).statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('answers an unauthenticated write 401 before it looks at the body', async () => {
    const id = await submit(t);
    const res = await t.app.inject({ method: 'PATCH', url: `/v1/desk/submissions/${id}`, payload: { status: 'no such status', extra: true } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
    const huge = await t.app.inject({ method: 'POST', url: `/v1/desk/submissions/${id}/notes`, payload: { text: 'x'.repeat(300_000) } });
    expect(huge.statusCode).toBe(401);
  });

  it('lets an agent do agent work and stops them at admin work', async () => {
    expect((await desk(t, 'GET', '/v1/desk/submissions')).statusCode).toBe(200);
    const res = await desk(t, 'GET', '/v1/desk/webhooks');
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'forbidden', message: 'This needs the admin role' });
  });

  it('keeps API tokens and passwords hashed at rest', async () => {
    await createUser(t.store.db, { email: 'ops@shop.example', role: 'admin', password: 'a long enough password' });
    const { token } = await createApiToken(t.store.db, { userEmail: 'ops@shop.example' });
    const tokens = await t.store.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(tokens.map((r) => r.token_hash)).not.toContain(token);
    const users = await t.store.db.selectFrom('users').select('password_hash').execute();
    expect(users.every((u) => u.password_hash.startsWith('scrypt$') && !u.password_hash.includes('a long enough password'))).toBe(true);
    expect((await desk(t, 'GET', '/v1/desk/submissions', undefined, token)).statusCode).toBe(200);
  });
});
