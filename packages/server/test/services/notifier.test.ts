import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addWebhook, buildTestApp, desk, engines, eventually, RECEIVER_ALLOWED, reporterSecret, startHookReceiver, submit, type TestContext } from '../helpers.js';

describe.each(engines)('the notification worker on %s', (engine) => {
  let t: TestContext;
  let smtp: SMTPServer;
  let mails: Array<{ to: string[]; raw: string }>;
  let hooks: Awaited<ReturnType<typeof startHookReceiver>>;

  beforeEach(async () => {
    mails = [];
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    // The first call fails, as a receiver that is briefly down would.
    hooks = await startHookReceiver(1);
    t = await buildTestApp(engine, {
      smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      mailFrom: 'Test shop <help@shop.example>',
      notifierPollMs: 50,
      notifierRetryBaseMs: 50,
      ...RECEIVER_ALLOWED,
    });
  });
  afterEach(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await hooks.close();
  });

  const settled = (channel: 'email' | 'webhook') =>
    eventually(async () => {
      const rows = await t.store.db.selectFrom('notifications').selectAll().where('channel', '=', channel).execute();
      return rows.length > 0 && rows.every((r) => r.state !== 'pending') ? rows : undefined;
    });

  it('emails a public reply, as plain text, to a shopper who left an email and consented', async () => {
    const id = await submit(t, reporterSecret(), { contact: { email: 'jiwoo@example.com', consent: true } });
    await desk(t, 'POST', `/v1/desk/submissions/${id}/replies`, { text: 'A new jar ships today. <b>Sorry!</b>' });
    const mail = await eventually(() => mails[0]);
    expect(mail.to).toEqual(['jiwoo@example.com']);
    expect(mail.raw).toContain('Content-Type: text/plain');
    expect(mail.raw).not.toContain('text/html');
    expect(mail.raw).toContain('<b>Sorry!</b>');
    expect(mail.raw).toMatch(/SR-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    // The SMTP server has the mail before the worker records the delivery: wait for the record.
    const rows = await settled('email');
    expect(rows.map((r) => [r.state, r.attempts])).toEqual([['sent', 1]]);
  });

  it('does not email a shopper who did not consent', async () => {
    const id = await submit(t, reporterSecret(), { contact: { email: 'quiet@example.com', consent: false } });
    await desk(t, 'POST', `/v1/desk/submissions/${id}/replies`, { text: 'Answered in the widget only' });
    await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'resolved' });
    const rows = await t.store.db.selectFrom('notifications').selectAll().where('channel', '=', 'email').execute();
    expect(rows).toHaveLength(0);
  });

  it('calls a signed webhook on a new submission, retries until the receiver takes it, and records each delivery', async () => {
    const { secret } = await addWebhook(t, { url: hooks.url, events: ['submission.created'] });
    const id = await submit(t);
    const delivered = await eventually(() => hooks.calls.find((c) => c.status === 200));
    expect(hooks.calls[0]?.status).toBe(503);
    expect(delivered.signature).toBe(`sha256=${createHmac('sha256', secret).update(delivered.body).digest('hex')}`);
    expect(JSON.parse(delivered.body)).toMatchObject({ event: 'submission.created', data: { id } });
    // Both attempts name the same notification, so a receiver can drop a repeat.
    expect(hooks.calls[0]?.notification).toBe(delivered.notification);
    expect(JSON.parse(delivered.body).id).toBe(delivered.notification);
    // The receiver has the call before the worker records the delivery: wait for the record.
    const [row] = await settled('webhook');
    expect(row).toMatchObject({ state: 'sent', attempts: 2, last_error: null });
    const deliveries = await t.store.db.selectFrom('deliveries').selectAll().orderBy('attempt').execute();
    expect(deliveries.map((d) => [d.attempt, d.outcome, d.error])).toEqual([
      [1, 'failed', 'webhook answered 503'],
      [2, 'sent', null],
    ]);
  });

  it("tells a department's webhook about an improvement for it, and no other department's", async () => {
    await addWebhook(t, { url: hooks.url, department: 'rnd', events: ['improvement.created'] });
    await addWebhook(t, { url: hooks.url, department: 'marketing', events: ['improvement.created'] });
    const id = await submit(t);
    const res = await desk(t, 'POST', `/v1/desk/submissions/${id}/improvements`, { department: 'rnd', text: 'Jar packaging cracks in transit: test a thicker insert' });
    expect(res.statusCode).toBe(201);
    const call = await eventually(() => hooks.calls.find((c) => c.status === 200));
    expect(JSON.parse(call.body)).toMatchObject({ event: 'improvement.created', data: { department: 'rnd', text: 'Jar packaging cracks in transit: test a thicker insert' } });
    const rows = await t.store.db.selectFrom('notifications').selectAll().where('channel', '=', 'webhook').execute();
    expect(rows).toHaveLength(1);
  });
});

describe.each(engines)('webhooks to internal addresses on %s', (engine) => {
  let t: TestContext;
  let hooks: Awaited<ReturnType<typeof startHookReceiver>>;
  beforeEach(async () => {
    hooks = await startHookReceiver();
    // No allow-list: the receiver on this machine's loopback is what an attacker would aim at.
    t = await buildTestApp(engine, { notifierPollMs: 50, notifierRetryBaseMs: 50 });
  });
  afterEach(async () => {
    await t.close();
    await hooks.close();
  });

  it('refuses to call a name that resolves to loopback, records why, and does not try again', async () => {
    await addWebhook(t, { url: hooks.url.replace('127.0.0.1', 'localhost'), events: ['submission.created'] });
    await submit(t);
    const failed = await eventually(async () => {
      const row = await t.store.db.selectFrom('notifications').selectAll().where('channel', '=', 'webhook').executeTakeFirst();
      return row?.state === 'failed' ? row : undefined;
    });
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatch(/^refused: (127\.0\.0\.1|::1) \(localhost\) is a loopback address; allow the host with WEBHOOK_ALLOW_HOSTS$/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await t.store.db.selectFrom('deliveries').selectAll().execute()).toHaveLength(1);
    expect(hooks.calls).toHaveLength(0);
  });
});
