import { WEBHOOK_EVENTS } from '@sori/protocol';
import { describe, expect, it } from 'vitest';
import { buildTestApp, desk, engines, useTestApp } from '../../helpers.js';

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
    expect(webhook).toMatchObject({ url: hook.url, department: 'rnd', events: [...WEBHOOK_EVENTS] });
    const list = await desk(t, 'GET', '/v1/desk/webhooks', undefined, admin);
    expect(list.json().webhooks).toEqual([webhook]);
    expect(list.body).not.toContain(secret);
  });

  it('refuses a webhook on an internal address written out, saying how to allow it', async () => {
    const admin = await t.adminToken();
    for (const url of ['http://127.0.0.1:9000/hook', 'http://[::1]/hook', 'https://10.0.0.8/hook', 'http://169.254.169.254/latest/meta-data']) {
      const res = await desk(t, 'POST', '/v1/desk/webhooks', { url, siteId: t.site.id }, admin);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'invalid', field: 'url', message: expect.stringMatching(/^refused: .* address; allow the host with WEBHOOK_ALLOW_HOSTS$/) });
    }
    expect((await desk(t, 'GET', '/v1/desk/webhooks', undefined, admin)).json().webhooks).toEqual([]);

    const allowing = await buildTestApp(engine, { webhookAllowHosts: ['10.0.0.8'] });
    try {
      const res = await desk(allowing, 'POST', '/v1/desk/webhooks', { url: 'https://10.0.0.8/hook', siteId: allowing.site.id }, await allowing.adminToken());
      expect(res.statusCode).toBe(201);
    } finally {
      await allowing.close();
    }
  });

  it('names a site that does not exist', async () => {
    const res = await desk(t, 'POST', '/v1/desk/webhooks', { ...hook, siteId: 'nope' }, await t.adminToken());
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid', field: 'siteId' });
  });
});
