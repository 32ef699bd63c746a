import { describe, expect, it } from 'vitest';
import { desk, reporterSecret, shopperHeaders, submit, useTestApp } from '../helpers.js';

describe('caching', () => {
  const t = useTestApp('sqlite');

  it('tells browsers and proxies to keep no desk, reporter or export answer', async () => {
    const secret = reporterSecret();
    const id = await submit(t, secret);
    const answers = [
      await desk(t, 'GET', '/v1/desk/submissions'),
      await desk(t, 'GET', `/v1/desk/submissions/${id}`),
      await desk(t, 'GET', '/v1/desk/export.csv'),
      await desk(t, 'GET', '/v1/desk/nothing-here'),
      await t.app.inject({ method: 'GET', url: '/v1/reporter/submissions', headers: shopperHeaders(t.site, secret) }),
      await t.app.inject({ method: 'GET', url: '/v1/reporter/events', headers: shopperHeaders(t.site, secret) }),
      await t.app.inject({ method: 'GET', url: '/v1/desk/submissions' }),
    ];
    expect(answers.map((res) => [res.statusCode, res.headers['cache-control']])).toEqual([
      [200, 'no-store'],
      [200, 'no-store'],
      [200, 'no-store'],
      [404, 'no-store'],
      [200, 'no-store'],
      [200, 'no-store'],
      [401, 'no-store'],
    ]);
  });
});
