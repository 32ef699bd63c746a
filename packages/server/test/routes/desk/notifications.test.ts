import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addWebhook, desk, engines, eventually, RECEIVER_ALLOWED, startHookReceiver, submit, useTestApp } from '../../helpers.js';

describe.each(engines)('/v1/desk/notifications on %s', (engine) => {
  const t = useTestApp(engine, { notifierPollMs: 50, notifierRetryBaseMs: 50, ...RECEIVER_ALLOWED });
  let hooks: Awaited<ReturnType<typeof startHookReceiver>>;
  beforeEach(async () => {
    hooks = await startHookReceiver(1);
  });
  afterEach(() => hooks.close());

  it('lists each notification with its state, attempts, last error and every delivery', async () => {
    await addWebhook(t, { url: hooks.url, events: ['submission.created'] });
    await submit(t);
    const admin = await t.adminToken();
    const sent = await eventually(async () => {
      const [first] = (await desk(t, 'GET', '/v1/desk/notifications', undefined, admin)).json().notifications;
      return first?.state === 'sent' ? first : undefined;
    });
    expect(sent).toMatchObject({ channel: 'webhook', state: 'sent', attempts: 2 });
    expect(sent.lastError).toBeUndefined();
    expect(sent.deliveries).toMatchObject([
      { attempt: 1, outcome: 'failed', error: 'webhook answered 503' },
      { attempt: 2, outcome: 'sent' },
    ]);
    expect(Date.parse(sent.deliveries[1].at)).toBeGreaterThanOrEqual(Date.parse(sent.deliveries[0].at));
  });

  it('filters by state, and is for admins only', async () => {
    await addWebhook(t, { url: hooks.url, events: ['submission.created'] });
    await submit(t);
    const admin = await t.adminToken();
    await eventually(async () => ((await desk(t, 'GET', '/v1/desk/notifications?state=sent', undefined, admin)).json().notifications.length ? true : undefined));
    expect((await desk(t, 'GET', '/v1/desk/notifications?state=failed', undefined, admin)).json().notifications).toEqual([]);
    expect((await desk(t, 'GET', '/v1/desk/notifications')).statusCode).toBe(403);
    expect((await desk(t, 'GET', '/v1/desk/deliveries', undefined, admin)).statusCode).toBe(404);
  });
});
