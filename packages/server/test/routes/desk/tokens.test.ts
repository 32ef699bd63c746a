import { describe, expect, it } from 'vitest';
import { desk, engines, useTestApp } from '../../helpers.js';

describe.each(engines)('/v1/desk/tokens on %s', (engine) => {
  const t = useTestApp(engine);

  it('makes an agent a token of their own that the desk accepts, kept only as a hash', async () => {
    const res = await desk(t, 'POST', '/v1/desk/tokens', { name: 'zapier' });
    expect(res.statusCode).toBe(201);
    const { token } = res.json();
    const me = await desk(t, 'GET', '/v1/desk/session', undefined, token);
    expect(me.json()).toEqual({ user: expect.objectContaining({ email: 'agent@shop.example' }) });
    const stored = await t.store.db.selectFrom('api_tokens').select(['token_hash', 'name']).execute();
    expect(stored.map((r) => r.name)).toContain('zapier');
    expect(stored.map((r) => r.token_hash)).not.toContain(token);
  });
});
