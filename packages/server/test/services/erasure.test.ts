import type { DeskDetail, ErasureResult, PersonData } from '@sori/protocol';
import { describe, expect, it } from 'vitest';
import { desk, engines, reporterSecret, shopperHeaders, submit, useTestApp, type TestContext } from '../helpers.js';

/** Every notification row as stored, for the submission `id`. */
const notificationsOf = (t: TestContext, id: string) => t.store.db.selectFrom('notifications').selectAll().where('submission_id', '=', id).orderBy('id').execute();

describe.each(engines)('erasure on %s', (engine) => {
  // No SMTP server: emails wait as pending notifications, as they would before one is set up.
  const t = useTestApp(engine);

  /** A submission with a consented email, a webhook call about it and a reply emailed to the shopper. */
  async function answered(secret = reporterSecret(), email = 'mina@example.com'): Promise<string> {
    const admin = await t.adminToken();
    await desk(t, 'POST', '/v1/desk/webhooks', { url: 'https://hooks.example/sori', siteId: t.site.id, events: ['submission.created', 'submission.routed', 'improvement.created'] }, admin);
    const id = await submit(t, secret, { message: 'My address is 12 Secret St', contact: { email, consent: true, preference: 'email' } });
    await desk(t, 'POST', `/v1/desk/submissions/${id}/replies`, { text: 'We will send a courier.' });
    return id;
  }

  it('cancels the pending email to an erased shopper and scrubs every stored copy of what they wrote', async () => {
    const id = await answered();
    const before = await notificationsOf(t, id);
    expect(before.map((n) => [n.channel, n.state])).toEqual([
      ['webhook', expect.any(String)],
      ['email', 'pending'],
    ]);
    expect(JSON.stringify(before)).toContain('Secret St');

    const res = await desk(t, 'POST', `/v1/desk/submissions/${id}/erasure`, { reason: 'asked by phone' }, await t.adminToken());
    expect(res.statusCode).toBe(200);
    const after = await notificationsOf(t, id);
    expect(after.find((n) => n.channel === 'email')).toMatchObject({ state: 'cancelled', target: expect.not.stringContaining('@') });
    const stored = JSON.stringify({ after, submission: await t.store.db.selectFrom('submissions').selectAll().where('id', '=', id).execute() });
    expect(stored).not.toContain('Secret St');
    expect(stored).not.toContain('mina@example.com');
  });

  it("finds one person by email, phone or a tracking number across reporters, exports all of it, and erases all of it", async () => {
    const first = await answered(reporterSecret(), 'joon@example.com');
    // The same person on another browser (another reporter), found through their tracking number.
    const secondSecret = reporterSecret();
    const second = await submit(t, secondSecret, { message: 'Second browser, same person' });
    await submit(t, reporterSecret(), { message: 'Someone else entirely' });
    const tracking = ((await desk(t, 'GET', `/v1/desk/submissions/${second}`)).json() as DeskDetail).submission.trackingNumber;
    const admin = await t.adminToken();

    expect((await desk(t, 'POST', '/v1/desk/people/export', { email: 'joon@example.com' })).statusCode).toBe(403);
    const byEmail = (await desk(t, 'POST', '/v1/desk/people/export', { email: 'JOON@example.com' }, admin)).json() as PersonData;
    expect(byEmail.submissions.map((s) => s.submission.id)).toEqual([first]);
    expect(byEmail.submissions[0]!.notifications.map((n) => n.channel).sort()).toEqual(['email', 'webhook']);
    const byTracking = (await desk(t, 'POST', '/v1/desk/people/export', { trackingNumber: tracking.toLowerCase() }, admin)).json() as PersonData;
    expect(byTracking.submissions.map((s) => s.submission.message)).toEqual(['Second browser, same person']);
    // The export is on record.
    const audited = ((await desk(t, 'GET', `/v1/desk/submissions/${first}`)).json() as DeskDetail).timeline.at(-1);
    expect(audited).toMatchObject({ type: 'export', actorName: 'Boss', public: false });

    const erased = (await desk(t, 'POST', '/v1/desk/people/erasure', { person: { email: 'joon@example.com' }, reason: 'GDPR request' }, admin)).json() as ErasureResult;
    // The email to them and the webhook call about it, both still waiting (no SMTP; the hook's host does not answer).
    expect(erased).toEqual({ reporters: 1, submissions: 1, cancelledNotifications: 2 });
    expect((await desk(t, 'POST', '/v1/desk/people/erasure', { person: { phone: '010-0000-0000' }, reason: 'x' }, admin)).statusCode).toBe(404);
    const left = (await desk(t, 'GET', '/v1/desk/submissions?sort=newest')).json().submissions.map((s: { message: string }) => s.message);
    expect(left).toEqual(['Someone else entirely', 'Second browser, same person', "[erased at the shopper's request]"]);
  });

  it("lets the shopper download and delete their own data from their browser, and nobody else's", async () => {
    const secret = reporterSecret();
    const mine = await answered(secret);
    await desk(t, 'POST', `/v1/desk/submissions/${mine}/notes`, { text: 'Staff only: rude on the phone' });
    const other = await submit(t, reporterSecret(), { message: 'Not theirs' });
    const headers = shopperHeaders(t.site, secret);

    const data = (await t.app.inject({ method: 'GET', url: '/v1/reporter/data', headers })).json() as PersonData;
    expect(data.submissions.map((s) => s.submission.id)).toEqual([mine]);
    // What is theirs to see: not staff's notes, not the calls to the shop's own systems.
    expect(JSON.stringify(data)).not.toContain('rude on the phone');
    expect(data.submissions[0]!.notifications.map((n) => n.channel)).toEqual(['email']);

    expect((await t.app.inject({ method: 'POST', url: '/v1/reporter/erasure', headers, payload: {} })).statusCode).toBe(400);
    const erased = await t.app.inject({ method: 'POST', url: '/v1/reporter/erasure', headers, payload: { confirm: true } });
    expect(erased.json()).toMatchObject({ submissions: 1, cancelledNotifications: 2 });
    const timeline = ((await desk(t, 'GET', `/v1/desk/submissions/${mine}`)).json() as DeskDetail).timeline;
    expect(timeline.at(-1)).toMatchObject({ type: 'erasure', author: 'reporter' });
    expect(((await desk(t, 'GET', `/v1/desk/submissions/${other}`)).json() as DeskDetail).submission.message).toBe('Not theirs');
  });
});
