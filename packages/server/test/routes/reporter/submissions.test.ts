import { describe, expect, it } from 'vitest';
import { engines, reporterSecret, shopperHeaders, submit, useTestApp } from '../../helpers.js';

describe.each(engines)('GET /v1/reporter/submissions on %s', (engine) => {
  const t = useTestApp(engine);

  it('shows a reporter only their own submissions, with their public timelines', async () => {
    const mine = reporterSecret();
    await submit(t, mine, { message: 'mine' });
    await submit(t, reporterSecret(), { message: 'theirs' });
    const res = await t.app.inject({ method: 'GET', url: '/v1/reporter/submissions', headers: shopperHeaders(t.site, mine) });
    expect(res.statusCode).toBe(200);
    const { submissions, cursor } = res.json();
    expect(submissions.map((s: { message: string }) => s.message)).toEqual(['mine']);
    expect(submissions[0].timeline[0]).toMatchObject({ type: 'received', publicStatus: 'received' });
    expect(cursor).toBeGreaterThan(0);
  });

  it('answers only the submissions with public events after the cursor', async () => {
    const mine = reporterSecret();
    await submit(t, mine, { message: 'first' });
    const { cursor } = (await t.app.inject({ method: 'GET', url: '/v1/reporter/submissions', headers: shopperHeaders(t.site, mine) })).json();
    await submit(t, mine, { message: 'second' });
    const res = await t.app.inject({ method: 'GET', url: `/v1/reporter/submissions?after=${cursor}`, headers: shopperHeaders(t.site, mine) });
    expect(res.json().submissions.map((s: { message: string }) => s.message)).toEqual(['second']);
    expect(res.json().cursor).toBeGreaterThan(cursor);
  });
});
