import { randomUUID } from 'node:crypto';
import type { FollowUpList } from '@sori/protocol';
import { describe, expect, it } from 'vitest';
import { desk, engines, reporterSecret, shopperHeaders, submit, useTestApp, type TestContext } from '../../helpers.js';

const DAY = 86_400_000;

async function resolved(t: TestContext, overrides: Record<string, unknown> = {}, resolvedDaysAgo = 0): Promise<{ id: string; secret: string }> {
  const secret = reporterSecret();
  const id = await submit(t, secret, overrides);
  await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'resolved' });
  if (resolvedDaysAgo) {
    await t.store.db.updateTable('submissions').set({ resolved_at: new Date(Date.now() - resolvedDaysAgo * DAY).toISOString() }).where('id', '=', id).execute();
  }
  return { id, secret };
}

async function list(t: TestContext): Promise<Map<string, string[]>> {
  const res = await desk(t, 'GET', '/v1/desk/follow-ups');
  expect(res.statusCode, res.body).toBe(200);
  return new Map((res.json() as FollowUpList).followUps.map((f) => [f.submission.id, f.reasons]));
}

describe.each(engines)('the follow-up list (happy call) on %s', (engine) => {
  const t = useTestApp(engine);

  it('lists resolved complaints whose shopper asked for a call, did not rate in the site’s days, or rated 2 or less', async () => {
    const phone = { contact: { name: 'Jiwoo', phone: '010-1234-5678', preference: 'phone', consent: true } };
    const callBack = await resolved(t, phone);
    const quiet = await resolved(t, {}, 4);
    const recent = await resolved(t, {}, 1);
    const unhappy = await resolved(t);
    await t.app.inject({ method: 'POST', url: `/v1/submissions/${unhappy.id}/rating`, headers: shopperHeaders(t.site, unhappy.secret), payload: { score: 1, wouldBuyAgain: false } });
    const happy = await resolved(t, {}, 5);
    await t.app.inject({ method: 'POST', url: `/v1/submissions/${happy.id}/rating`, headers: shopperHeaders(t.site, happy.secret), payload: { score: 5, wouldBuyAgain: true } });
    const praise = await resolved(t, { kind: 'praise' }, 5);

    const entries = await list(t);
    expect(entries.get(callBack.id)).toEqual(['call_back']);
    expect(entries.get(quiet.id)).toEqual(['not_rated']);
    expect(entries.get(unhappy.id)).toEqual(['low_rating']);
    expect(entries.has(recent.id)).toBe(false);
    expect(entries.has(happy.id)).toBe(false);
    expect(entries.has(praise.id)).toBe(false);
    expect(entries.size).toBe(3);

    // A site that waits a day longer than the default puts the quiet one back.
    await t.store.db.updateTable('sites').set({ settings: JSON.stringify({ followUpDays: 5 }) }).where('id', '=', t.site.id).execute();
    expect((await list(t)).has(quiet.id)).toBe(false);
  });

  it('lists an old complaint however many newer ones were called, and looks past those not yet due', async () => {
    const phone = { contact: { name: 'Jiwoo', phone: '010-1234-5678', preference: 'phone', consent: true } };
    const old = await resolved(t, phone, 30);
    await t.store.db.updateTable('submissions').set({ received_at: new Date(Date.now() - 31 * DAY).toISOString() }).where('id', '=', old.id).execute();
    const template = await t.store.db.selectFrom('submissions').selectAll().where('id', '=', old.id).executeTakeFirstOrThrow();
    /** Copies of the old complaint, received after it, as `change` makes them. */
    const copies = async (count: number, change: (i: number) => Partial<typeof template>) => {
      const rows = Array.from({ length: count }, (_, i) => ({
        ...template,
        id: randomUUID(),
        client_id: randomUUID(),
        tracking_number: `SR-COPY-${randomUUID()}`,
        received_at: new Date(Date.now() - 20 * DAY + i).toISOString(),
        ...change(i),
      }));
      for (let i = 0; i < rows.length; i += 500) await t.store.db.insertInto('submissions').values(rows.slice(i, i + 500)).execute();
    };
    // More newer complaints than the list ever looked through, each reached since it was resolved.
    const reachedAt = new Date(Date.now() - DAY).toISOString();
    await copies(5001, () => ({ resolved_at: new Date(Date.now() - 2 * DAY).toISOString(), contact_preference: 'widget', follow_up_outcome: 'reached_satisfied', follow_up_at: reachedAt }));
    expect([...(await list(t)).keys()]).toEqual([old.id]);

    // A page and more of complaints resolved a day ago and not rated yet (due in 3 days) come
    // before one resolved just now whose shopper asked for a call.
    await copies(600, () => ({ resolved_at: new Date(Date.now() - DAY).toISOString(), contact_preference: 'widget' }));
    const latest = await resolved(t, phone);
    expect([...(await list(t)).keys()]).toEqual([old.id, latest.id]);
  });

  it('records outcomes with who and when: no answer keeps it listed, satisfied takes it off, not satisfied reopens it', async () => {
    const a = await resolved(t, {}, 4);
    const b = await resolved(t, {}, 4);
    const call = (id: string, outcome: string) => desk(t, 'POST', `/v1/desk/submissions/${id}/follow-ups`, { outcome, note: 'Called at noon' });

    const missed = await call(a.id, 'no_answer');
    expect(missed.statusCode).toBe(201);
    expect(missed.json().event).toMatchObject({ type: 'follow_up', actorName: 'Mina', public: false, text: 'Called at noon', data: { outcome: 'no_answer' } });
    expect((await list(t)).has(a.id)).toBe(true);
    await call(a.id, 'reached_satisfied');
    expect((await list(t)).has(a.id)).toBe(false);

    const unhappy = await call(b.id, 'reached_not_satisfied');
    expect(unhappy.json().submission).toMatchObject({ status: 'reopened', awaiting: 'staff' });
    expect(unhappy.json().submission.resolvedAt).toBeUndefined();
    const detail = (await desk(t, 'GET', `/v1/desk/submissions/${b.id}`)).json();
    expect(detail.timeline.slice(-2).map((e: { type: string; public: boolean }) => [e.type, e.public])).toEqual([
      ['follow_up', false],
      ['status', true],
    ]);
    // The shopper sees it is back in work.
    const events = await t.app.inject({ method: 'GET', url: '/v1/reporter/events', headers: shopperHeaders(t.site, b.secret) });
    expect(events.json().events.at(-1)).toMatchObject({ type: 'status', status: 'reopened' });
    expect((await list(t)).has(b.id)).toBe(false);

    const stored = await t.store.db.selectFrom('submissions').select(['follow_up_outcome', 'follow_up_at']).where('id', '=', b.id).executeTakeFirstOrThrow();
    expect(stored.follow_up_outcome).toBe('reached_not_satisfied');
    expect(stored.follow_up_at).not.toBeNull();
  });

  it('answers 400 naming the field for an unknown outcome, and 404 for an unknown submission', async () => {
    const { id } = await resolved(t);
    const bad = await desk(t, 'POST', `/v1/desk/submissions/${id}/follow-ups`, { outcome: 'maybe' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('outcome');
    expect((await desk(t, 'POST', '/v1/desk/submissions/nope/follow-ups', { outcome: 'no_answer' })).statusCode).toBe(404);
  });
});
