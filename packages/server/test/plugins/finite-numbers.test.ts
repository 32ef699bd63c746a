import { describe, expect, it } from 'vitest';
import { desk, engines, reporterSecret, shopperHeaders, useTestApp } from '../helpers.js';

describe.each(engines)('numbers in queries on %s', (engine) => {
  const t = useTestApp(engine);

  it('answers 400 naming the field for a number that is not finite, on reporter and desk routes', async () => {
    const secret = reporterSecret();
    const reporter = (url: string) => t.app.inject({ method: 'GET', url, headers: shopperHeaders(t.site, secret) });
    const admin = await t.adminToken();
    const cases: Array<[() => ReturnType<typeof reporter>, string]> = [
      [() => reporter('/v1/reporter/events?after=1e400'), 'after'],
      [() => reporter('/v1/reporter/events?after=Infinity'), 'after'],
      [() => reporter('/v1/reporter/events?after=-Infinity'), 'after'],
      [() => reporter('/v1/reporter/events?limit=Infinity'), 'limit'],
      [() => reporter('/v1/reporter/submissions?after=1e400'), 'after'],
      [() => reporter('/v1/reporter/submissions?after=-Infinity'), 'after'],
      [() => desk(t, 'GET', '/v1/desk/events?after=1e400'), 'after'],
      [() => desk(t, 'GET', '/v1/desk/events?after=-Infinity'), 'after'],
      [() => desk(t, 'GET', '/v1/desk/events?limit=Infinity'), 'limit'],
      [() => desk(t, 'GET', '/v1/desk/submissions?limit=Infinity'), 'limit'],
      [() => desk(t, 'GET', '/v1/desk/notifications?limit=1e400', undefined, admin), 'limit'],
    ];
    for (const [call, field] of cases) {
      const res = await call();
      expect([res.statusCode, res.json().error], res.body).toEqual([400, { code: 'invalid', field, message: `"${field}" must be a finite number` }]);
    }
    // A stranger hears who they are not before what they sent.
    const stranger = await t.app.inject({ method: 'GET', url: '/v1/desk/submissions?limit=Infinity' });
    expect(stranger.statusCode).toBe(401);
  });
});
