import { describe, expect, it } from 'vitest';
import { engines, submit, useTestApp } from '../../helpers.js';

describe.each(engines)('/v1/desk/session on %s', (engine) => {
  const t = useTestApp(engine);

  const signIn = (email = 'agent@shop.example', password = 'correct horse battery') =>
    t.app.inject({ method: 'POST', url: '/v1/desk/session', payload: { email, password } });

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

    // A reloaded console finds who it is and the CSRF token its writes need.
    const me = await t.app.inject({ method: 'GET', url: '/v1/desk/session', headers: { cookie } });
    expect(me.json()).toMatchObject({ user: { email: 'agent@shop.example', name: 'Mina' }, csrfToken });
    const list = await t.app.inject({ method: 'GET', url: '/v1/desk/submissions', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    const id = await submit(t);
    const forged = await t.app.inject({ method: 'PATCH', url: `/v1/desk/submissions/${id}`, headers: { cookie }, payload: { status: 'triaged' } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('csrf');
    const ok = await t.app.inject({ method: 'PATCH', url: `/v1/desk/submissions/${id}`, headers: { cookie, 'x-csrf-token': csrfToken }, payload: { status: 'triaged' } });
    expect(ok.statusCode).toBe(200);

    await t.app.inject({ method: 'DELETE', url: '/v1/desk/session', headers: { cookie } });
    const after = await t.app.inject({ method: 'GET', url: '/v1/desk/submissions', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('limits sign-in tries per account, whatever addresses they come from', async () => {
    const guess = (i: number, email = 'agent@shop.example', password = `guess number ${i}`) =>
      t.app.inject({ method: 'POST', url: '/v1/desk/session', remoteAddress: `198.51.100.${i}`, payload: { email, password } });
    const codes: number[] = [];
    for (let i = 0; i < 25; i++) codes.push((await guess(i, i % 2 ? ' Agent@Shop.example' : 'agent@shop.example')).statusCode);
    expect(codes.slice(0, 10)).toEqual(new Array(10).fill(401));
    expect(codes.slice(10)).toEqual(new Array(15).fill(429));
    // Even the right password waits now; another account does not.
    const right = await guess(30, 'agent@shop.example', 'correct horse battery');
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('rate_limited');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect((await guess(31, 'boss@shop.example')).statusCode).toBe(401);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const wrong = await signIn('agent@shop.example', 'not the password');
    const unknown = await signIn('nobody@shop.example', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });
});
