import { describe, expect, it } from 'vitest';
import { desk, engines, useTestApp } from '../../helpers.js';

describe.each(engines)('/v1/desk/webhooks on %s', (engine) => {
  const t = useTestApp(engine);

  const hook = { url: 'https://hooks.example/sori', siteId: '' };

  it('lets only admins manage webhooks', async () => {
    const res = await desk(t, 'POST', '/v1/desk/webhooks', { ...hook, siteId: t.site.id });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect((await desk(t, 'GET', '/v1/desk/webhooks')).statusCode).toBe(403);
  });

  it('shows the signing secret once and lists the hook without it', async () => {
    const admin = await t.adminToken();
    const created = await desk(t, 'POST', '/v1/desk/webhooks', { ...hook, siteId: t.site.id, department: 'rnd' }, admin);
    expect(created.statusCode).toBe(201);
    const { webhook, secret } = created.json();
    expect(secret).toMatch(/^whsec_/);
    expect(webhook).toMatchObject({ url: hook.url, department: 'rnd', events: ['submission.created', 'submission.routed', 'improvement.created'] });
    const list = await desk(t, 'GET', '/v1/desk/webhooks', undefined, admin);
    expect(list.json().webhooks).toEqual([webhook]);
    expect(list.body).not.toContain(secret);
  });

  it('names a site that does not exist', async () => {
    const res = await desk(t, 'POST', '/v1/desk/webhooks', { ...hook, siteId: 'nope' }, await t.adminToken());
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid', field: 'siteId' });
  });
});
