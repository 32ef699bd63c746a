import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken, createUser } from '../src/services/users.js';
import { buildTestApp, engines, item, reporterSecret, shopperHeaders, type TestContext } from './helpers.js';

/** Waits until `check` returns a value, polling; fails the test after `ms`. */
async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, ms = 8000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(engines)('notifications on %s', (engine) => {
  let t: TestContext;
  let smtp: SMTPServer;
  let mails: Array<{ to: string[]; raw: string }>;
  let hookServer: Server;
  let hookCalls: Array<{ body: string; signature: string | undefined; status: number }>;
  let hookUrl: string;

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
    const smtpPort = (smtp.server.address() as AddressInfo).port;

    hookCalls = [];
    hookServer = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        // The first call fails, as a receiver that is briefly down would.
        const status = hookCalls.length === 0 ? 503 : 200;
        hookCalls.push({ body, signature: req.headers['x-sori-signature'] as string | undefined, status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`;

    t = await buildTestApp(engine, {
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      mailFrom: 'Test shop <help@shop.example>',
      notifierPollMs: 50,
      notifierRetryBaseMs: 50,
    });
  });
  afterEach(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await new Promise((resolve) => hookServer.close(resolve));
  });

  async function submit(contact?: object): Promise<string> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/submissions',
      headers: shopperHeaders(t.site, reporterSecret()),
      payload: { items: [item(contact ? { contact } : {})] },
    });
    return res.json().results[0].receipt.id;
  }
  const reply = (id: string, message: string) =>
    t.app.inject({ method: 'POST', url: `/v1/desk/submissions/${id}/replies`, headers: { authorization: `Bearer ${t.token}` }, payload: { message } });

  it('emails a public reply, as plain text, to a shopper who left an email and consented', async () => {
    const id = await submit({ email: 'jiwoo@example.com', consent: true });
    await reply(id, 'A new jar ships today. <b>Sorry!</b>');
    const mail = await eventually(() => mails[0]);
    expect(mail.to).toEqual(['jiwoo@example.com']);
    expect(mail.raw).toContain('Content-Type: text/plain');
    expect(mail.raw).not.toContain('text/html');
    expect(mail.raw).toContain('<b>Sorry!</b>');
    expect(mail.raw).toMatch(/SR-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    // The SMTP server has the mail before the worker records the delivery: wait for the record.
    const log = await eventually(async () => {
      const rows = await t.store.db.selectFrom('outbox').selectAll().where('channel', '=', 'email').execute();
      return rows.every((r) => r.state !== 'pending') ? rows : undefined;
    });
    expect(log.map((r) => [r.state, r.attempts])).toEqual([['sent', 1]]);
  });

  it('does not email a shopper who did not consent', async () => {
    const id = await submit({ email: 'quiet@example.com', consent: false });
    await reply(id, 'Answered in the widget only');
    await t.app.inject({ method: 'PATCH', url: `/v1/desk/submissions/${id}`, headers: { authorization: `Bearer ${t.token}` }, payload: { status: 'resolved' } });
    const rows = await t.store.db.selectFrom('outbox').selectAll().where('channel', '=', 'email').execute();
    expect(rows).toHaveLength(0);
  });

  it('calls a signed webhook on a new item and retries until the receiver takes it', async () => {
    await createUser(t.store.db, { email: 'admin@shop.example', role: 'admin', password: 'admin password 1' });
    const { token } = await createApiToken(t.store.db, { userEmail: 'admin@shop.example' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/desk/webhooks',
      headers: { authorization: `Bearer ${token}` },
      payload: { url: hookUrl, siteId: t.site.id, events: ['submission.created'] },
    });
    expect(created.statusCode).toBe(201);
    const { secret } = created.json();
    const id = await submit();
    const delivered = await eventually(() => hookCalls.find((c) => c.status === 200));
    expect(hookCalls[0]?.status).toBe(503);
    expect(delivered.signature).toBe(`sha256=${createHmac('sha256', secret).update(delivered.body).digest('hex')}`);
    expect(JSON.parse(delivered.body)).toMatchObject({ event: 'submission.created', data: { id } });
    // The receiver has the call before the worker records the delivery: wait for the record.
    const entry = await eventually(async () => {
      const log = await t.app.inject({ method: 'GET', url: '/v1/desk/deliveries', headers: { authorization: `Bearer ${token}` } });
      const first = log.json().deliveries[0] as { state: string } | undefined;
      return first && first.state !== 'pending' ? first : undefined;
    });
    expect(entry).toMatchObject({ channel: 'webhook', state: 'sent', attempts: 2 });
  });

  it("tells a department's webhook about an improvement item for it, and no other department's", async () => {
    await createUser(t.store.db, { email: 'admin@shop.example', role: 'admin', password: 'admin password 1' });
    const { token } = await createApiToken(t.store.db, { userEmail: 'admin@shop.example' });
    const hook = (department: string) =>
      t.app.inject({ method: 'POST', url: '/v1/desk/webhooks', headers: { authorization: `Bearer ${token}` }, payload: { url: hookUrl, siteId: t.site.id, department, events: ['improvement.created'] } });
    await hook('rnd');
    await hook('marketing');
    hookCalls.push({ body: '', signature: undefined, status: 0 }); // the receiver takes calls at once from here on
    const id = await submit();
    const res = await t.app.inject({
      method: 'POST', url: `/v1/desk/submissions/${id}/improvements`, headers: { authorization: `Bearer ${t.token}` },
      payload: { department: 'rnd', note: 'Jar packaging cracks in transit: test a thicker insert' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().event).toMatchObject({ type: 'improvement', public: false });
    const call = await eventually(() => hookCalls.find((c) => c.status === 200));
    expect(JSON.parse(call.body)).toMatchObject({ event: 'improvement.created', data: { department: 'rnd' } });
    const rows = await t.store.db.selectFrom('outbox').selectAll().where('channel', '=', 'webhook').execute();
    expect(rows).toHaveLength(1);
  });

  it('lets only admins manage webhooks', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/desk/webhooks',
      headers: { authorization: `Bearer ${t.token}` },
      payload: { url: hookUrl, siteId: t.site.id },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });
});
