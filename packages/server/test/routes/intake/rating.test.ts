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

describe.each(engines)('one rating per resolution on %s', (engine) => {
  const t = useTestApp(engine);

  it('refuses a second rating of the same resolution with 409, and asks again after a reopen and a new resolution', async () => {
    const secret = reporterSecret();
    const id = await submit(t, secret);
    const rate = (score: number) =>
      t.app.inject({ method: 'POST', url: `/v1/submissions/${id}/rating`, headers: shopperHeaders(t.site, secret), payload: { score, wouldBuyAgain: true } });
    await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'resolved' });
    expect((await rate(4)).statusCode).toBe(200);
    const again = await rate(5);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'already_rated', field: 'score' });
    // Closing after the rating is the same resolution: still rated.
    await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'closed', reason: 'Done' });
    expect((await rate(5)).json().error.code).toBe('already_rated');

    await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'reopened' });
    await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'resolved' });
    const second = await rate(5);
    expect(second.statusCode).toBe(200);
    expect(second.json().submission.rating).toMatchObject({ score: 5 });
    const stored = await t.store.db.selectFrom('events').select('type').where('submission_id', '=', id).where('type', '=', 'rating').execute();
    expect(stored).toHaveLength(2);
  });

  it('records whether a resolution came within its target', async () => {
    const id = await submit(t, reporterSecret());
    await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'resolved' });
    const quick = await t.store.db.selectFrom('submissions').select('resolution_met').where('id', '=', id).executeTakeFirstOrThrow();
    expect(quick.resolution_met).toBe(1);
    await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'reopened' });
    const reopened = await t.store.db.selectFrom('submissions').select('resolution_met').where('id', '=', id).executeTakeFirstOrThrow();
    expect(reopened.resolution_met).toBeNull();
    // Due an hour ago: resolved now is late.
    await t.store.db.updateTable('submissions').set({ resolution_due_by: new Date(Date.now() - 3_600_000).toISOString() }).where('id', '=', id).execute();
    await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'resolved' });
    const late = await t.store.db.selectFrom('submissions').select('resolution_met').where('id', '=', id).executeTakeFirstOrThrow();
    expect(late.resolution_met).toBe(0);
  });
});
