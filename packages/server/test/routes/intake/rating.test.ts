import { beforeEach, describe, expect, it } from 'vitest';
import { desk, engines, reporterSecret, shopperHeaders, submit, useTestApp } from '../../helpers.js';

describe.each(engines)('POST /v1/submissions/:id/rating on %s', (engine) => {
  const t = useTestApp(engine);
  let secret: string;
  let id: string;
  beforeEach(async () => {
    secret = reporterSecret();
    id = await submit(t, secret);
  });

  const rate = (score: number, who = secret) =>
    t.app.inject({ method: 'POST', url: `/v1/submissions/${id}/rating`, headers: shopperHeaders(t.site, who), payload: { score, wouldBuyAgain: score > 3 } });

  it('takes a rating only after resolution and reopens the submission on a low score', async () => {
    const early = await rate(5);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('not_resolved');
    await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'resolved' });
    const low = await rate(2);
    expect(low.statusCode).toBe(200);
    expect(low.json()).toMatchObject({ reopened: true, submission: { status: 'reopened', rating: { score: 2, wouldBuyAgain: false } } });
  });

  it('does not let another reporter rate the submission', async () => {
    await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'resolved' });
    const res = await rate(5, reporterSecret());
    expect(res.statusCode).toBe(404);
    const good = await rate(5);
    expect(good.json()).toMatchObject({ reopened: false, submission: { status: 'resolved', publicStatus: 'resolved' } });
  });
});
