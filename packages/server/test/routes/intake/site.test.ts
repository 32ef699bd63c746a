import { describe, expect, it } from 'vitest';
import { STORE_ORIGIN, useTestApp } from '../../helpers.js';

describe('GET /v1/site', () => {
  const t = useTestApp('sqlite');

  it("tells the widget the site's kinds and first-response targets, from the site key alone", async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/site', headers: { origin: STORE_ORIGIN, 'x-sori-site': t.site.key } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Test shop', kinds: ['inquiry', 'complaint', 'praise', 'suggestion'], slaMinutes: { complaint: 60 } });
  });
});
