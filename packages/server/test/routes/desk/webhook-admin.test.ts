import { createHmac } from 'node:crypto';
import type { Notification } from '@sori/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queueBreachAlerts } from '../../../src/services/staff-alerts.js';
import { createUser } from '../../../src/services/users.js';
import { addWebhook, buildTestApp, desk, engines, eventually, RECEIVER_ALLOWED, startHookReceiver, submit, type TestContext } from '../../helpers.js';

const sign = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe.each(engines)('managing webhooks on %s', (engine) => {
  let t: TestContext;
  let hooks: Awaited<ReturnType<typeof startHookReceiver>>;
  beforeEach(async () => {
    hooks = await startHookReceiver();
    t = await buildTestApp(engine, { notifierPollMs: 50, notifierRetryBaseMs: 50, ...RECEIVER_ALLOWED });
  });
  afterEach(async () => {
    await t.close();
    await hooks.close();
  });

  it('makes a signed test call, and signs with the new secret only after a rotation', async () => {
    const admin = await t.adminToken();
    const { id, secret } = await addWebhook(t, { url: hooks.url });
    const test = await desk(t, 'POST', `/v1/desk/webhooks/${id}/test`, undefined, admin);
    expect(test.json()).toEqual({ outcome: 'sent', status: 200 });
    const [call] = hooks.calls;
    expect(call?.signature).toMatch(/^sha256=/);
    expect(call?.signature).toBe(sign(secret, call!.body));
    expect(JSON.parse(call!.body)).toMatchObject({ event: 'webhook.test' });

    const rotated = (await desk(t, 'POST', `/v1/desk/webhooks/${id}/secret`, undefined, admin)).json() as { secret: string };
    expect(rotated.secret).not.toBe(secret);
    await desk(t, 'POST', `/v1/desk/webhooks/${id}/test`, undefined, admin);
    const second = hooks.calls[1]!;
    expect(second.signature).toBe(sign(rotated.secret, second.body));
    expect(second.signature).not.toBe(sign(secret, second.body));
  });

  it('sends a reply event with a valid signature, logs its delivery, sends it again, and stops after deletion', async () => {
    const admin = await t.adminToken();
    const { id, secret } = await addWebhook(t, { url: hooks.url, events: ['submission.reply'] });
    const submissionId = await submit(t);
    await desk(t, 'POST', `/v1/desk/submissions/${submissionId}/replies`, { text: 'A new jar ships today.' });
    const call = await eventually(() => hooks.calls[0]);
    expect(JSON.parse(call.body)).toMatchObject({ event: 'submission.reply', data: { text: 'A new jar ships today.', submission: { id: submissionId } } });
    expect(call.signature).toBe(sign(secret, call.body));

    const log = await eventually(async () => {
      const list = (await desk(t, 'GET', `/v1/desk/webhooks/${id}/deliveries`, undefined, admin)).json().notifications as Notification[];
      return list[0]?.state === 'sent' ? list : undefined;
    });
    expect(log).toHaveLength(1);
    const again = await desk(t, 'POST', `/v1/desk/notifications/${log[0]!.id}/retry`, undefined, admin);
    expect(again.json()).toMatchObject({ state: 'pending' });
    await eventually(() => hooks.calls[1]);

    expect((await desk(t, 'PATCH', `/v1/desk/webhooks/${id}`, { events: ['submission.reply', 'submission.status'] }, admin)).json()).toMatchObject({
      events: ['submission.reply', 'submission.status'],
    });
    expect((await desk(t, 'DELETE', `/v1/desk/webhooks/${id}`, undefined, admin)).statusCode).toBe(204);
    await desk(t, 'POST', `/v1/desk/submissions/${submissionId}/replies`, { text: 'Tracking number follows.' });
    const queued = await t.store.db.selectFrom('notifications').select('id').where('channel', '=', 'webhook').execute();
    expect(queued).toHaveLength(1);
    expect((await desk(t, 'GET', '/v1/desk/webhooks', undefined, admin)).json().webhooks).toEqual([]);
    const audit = (await desk(t, 'GET', `/v1/desk/admin/audit?subject=webhook&subjectId=${id}`, undefined, admin)).json();
    expect(audit.entries.map((e: { action: string }) => e.action)).toEqual(['deleted', 'updated', 'created']);
  });

  it('names the field of a bad webhook change', async () => {
    const admin = await t.adminToken();
    const { id } = await addWebhook(t, { url: hooks.url });
    expect((await desk(t, 'PATCH', `/v1/desk/webhooks/${id}`, { department: 'nowhere' }, admin)).json()).toMatchObject({ error: { code: 'invalid', field: 'department' } });
    expect((await desk(t, 'PATCH', `/v1/desk/webhooks/${id}`, { events: ['bogus'] }, admin)).json()).toMatchObject({ error: { code: 'invalid' } });
    expect((await desk(t, 'DELETE', '/v1/desk/webhooks/nope', undefined, admin)).statusCode).toBe(404);
  });
});

describe.each(engines)('staff alerts on %s', (engine) => {
  let t: TestContext;
  beforeEach(async () => {
    t = await buildTestApp(engine);
  });
  afterEach(() => t.close());

  const alertsTo = async () =>
    (await t.store.db.selectFrom('notifications').select(['target', 'payload']).where('channel', '=', 'email').orderBy('id').execute()).map((r) => ({
      to: r.target,
      subject: (JSON.parse(r.payload) as { subject: string }).subject,
    }));

  it("emails the department's members with alerts on about a new complaint, not about praise", async () => {
    await createUser(t.store.db, { email: 'cs@shop.example', role: 'agent', password: 'password cs 12', department: 'customer_service', siteIds: [t.site.id] });
    const quiet = await createUser(t.store.db, { email: 'quiet@shop.example', role: 'agent', password: 'password q 123', department: 'customer_service', siteIds: [t.site.id] });
    await t.store.db.updateTable('users').set({ alerts: 0 }).where('id', '=', quiet.id).execute();
    await desk(t, 'PATCH', `/v1/desk/admin/sites/${t.site.id}`, { settings: { routing: { byKind: { complaint: 'customer_service' } } } }, await t.adminToken());
    await submit(t, undefined, { kind: 'praise' });
    await submit(t);
    expect(await alertsTo()).toEqual([{ to: 'cs@shop.example', subject: expect.stringMatching(/^\[Test shop\] New complaint: SR-/) }]);
  });

  it('alerts once about a submission about to breach, and lets a user turn alerts off', async () => {
    await t.adminToken();
    const id = await submit(t, undefined, { kind: 'inquiry' });
    await t.store.db.updateTable('submissions').set({ expected_response_by: new Date(Date.now() + 60_000).toISOString() }).where('id', '=', id).execute();
    expect(await t.app.transaction((unit) => queueBreachAlerts(unit))).toBe(1);
    expect(await t.app.transaction((unit) => queueBreachAlerts(unit))).toBe(0);
    expect(await alertsTo()).toEqual([{ to: 'boss@shop.example', subject: expect.stringContaining('About to breach') }]);

    const off = await desk(t, 'PATCH', '/v1/desk/session/preferences', { alerts: false }, await t.adminToken());
    expect(off.json()).toEqual({ alerts: false });
    await submit(t);
    expect(await alertsTo()).toHaveLength(1);
  });
});
