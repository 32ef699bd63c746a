import { describe, expect, it } from 'vitest';
import { desk, engines, useTestApp } from '../../helpers.js';

describe.each(engines)('/v1/desk/users on %s', (engine) => {
  const t = useTestApp(engine);

  const newUser = { email: 'new@shop.example', role: 'agent', password: 'long password 1', department: 'logistics' };

  it('lets admins add users, and agents only see them', async () => {
    const byAgent = await desk(t, 'POST', '/v1/desk/users', { ...newUser, role: 'admin' });
    expect(byAgent.statusCode).toBe(403);
    const byAdmin = await desk(t, 'POST', '/v1/desk/users', newUser, await t.adminToken());
    expect(byAdmin.statusCode).toBe(201);
    expect(byAdmin.json()).toMatchObject({ email: 'new@shop.example', role: 'agent', department: 'logistics' });
    const users = await desk(t, 'GET', '/v1/desk/users');
    expect(users.json().users.map((u: { email: string }) => u.email)).toContain('new@shop.example');
  });

  it('answers 409, not 500, when the same email is added twice at once', async () => {
    const admin = await t.adminToken();
    const answers = await Promise.all([1, 2, 3].map(() => desk(t, 'POST', '/v1/desk/users', newUser, admin)));
    expect(answers.map((res) => res.statusCode).sort()).toEqual([201, 409, 409]);
    expect(answers.find((res) => res.statusCode === 409)?.json().error).toMatchObject({ code: 'conflict', field: 'email' });
  });

  it('names a role that does not exist', async () => {
    const res = await desk(t, 'POST', '/v1/desk/users', { ...newUser, role: 'boss' }, await t.adminToken());
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid', field: 'role' });
  });
});
