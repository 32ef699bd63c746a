import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { ReporterDirectory } from '../../src/services/reporters.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addWebhook,
  buildTestApp,
  desk,
  engines,
  eventually,
  openEventStream,
  readEvents,
  RECEIVER_ALLOWED,
  reporterSecret,
  send,
  shopperHeaders,
  startHookReceiver,
  submission,
  submit,
  type TestContext,
} from '../helpers.js';

/** A write path no route of Sori has: it appends public events and does nothing else. */
function addEscalationRoute(app: FastifyInstance, options: { events?: number; fail?: boolean } = {}): void {
  app.post<{ Params: { id: string } }>('/test/escalate/:id', async (request) =>
    app.transaction(async (unit) => {
      const row = await unit.db.selectFrom('submissions').selectAll().where('id', '=', request.params.id).executeTakeFirstOrThrow();
      for (let i = 0; i < (options.events ?? 1); i++) {
        await unit.appendEvent({ type: 'status', author: 'system', public: true, submission: row, data: { escalated: i + 1 } });
      }
      if (options.fail) throw new Error('escalation failed after writing');
      return { ok: true };
    }),
  );
}

/** Counts what the hub publishes for the reporter with `secret`, as an open stream hears it, from before its first write. */
async function countPublishes(t: TestContext, secret: string): Promise<{ count(): number }> {
  const reporterId = await new ReporterDirectory(t.store.db).idOf(t.site.id, secret);
  let n = 0;
  t.app.hub.subscribe(reporterId, () => n++);
  return { count: () => n };
}

/** Waits for the hub to have published `n` times, then a while longer to see that no more comes (PostgreSQL publishes through NOTIFY). */
async function publishedExactly(counter: { count(): number }, n: number): Promise<number> {
  await eventually(() => (counter.count() >= n ? true : undefined));
  await new Promise((resolve) => setTimeout(resolve, 200));
  return counter.count();
}

describe.each(engines)('the one write path on %s', (engine) => {
  let t: TestContext;
  afterEach(() => t.close());

  describe('with a stream open', () => {
    let base: string;
    beforeEach(async () => {
      t = await buildTestApp(engine);
      addEscalationRoute(t.app);
      base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    });

    it("publishes a new write path's events to open streams though the route never asks", async () => {
      const secret = reporterSecret();
      const id = await submit(t, secret);
      const reading = readEvents(await openEventStream(base, t.app, t.site, secret), 2);
      expect((await t.app.inject({ method: 'POST', url: `/test/escalate/${id}` })).statusCode).toBe(200);
      const [, escalated] = await reading;
      expect(JSON.parse(escalated!.data!)).toMatchObject({ type: 'status', author: 'system', submissionId: id });
    });

    it('brings every change a shopper or staff makes to the open stream, in order', async () => {
      const secret = reporterSecret();
      const sent = submission();
      await send(t, secret, [sent]);
      const id = (await t.store.db.selectFrom('submissions').select('id').executeTakeFirstOrThrow()).id;
      const reading = readEvents(await openEventStream(base, t.app, t.site, secret), 5);
      await desk(t, 'POST', `/v1/desk/submissions/${id}/replies`, { text: 'Which colour?' });
      await t.app.inject({
        method: 'POST',
        url: '/v1/reporter/messages',
        headers: shopperHeaders(t.site, secret),
        payload: { messages: [{ clientId: randomUUID(), submissionClientId: sent['clientId'], text: 'Red', createdAt: new Date().toISOString() }] },
      });
      await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'resolved' });
      await t.app.inject({ method: 'POST', url: `/v1/submissions/${id}/rating`, headers: shopperHeaders(t.site, secret), payload: { score: 5, wouldBuyAgain: true } });
      const events = await reading;
      expect(events.map((e) => JSON.parse(e.data!).type)).toEqual(['received', 'reply', 'message', 'status', 'rating']);
    });
  });

  it('publishes once per reporter per commit, however many events it appended', async () => {
    t = await buildTestApp(engine);
    addEscalationRoute(t.app, { events: 3 });
    const secret = reporterSecret();
    const published = await countPublishes(t, secret);
    const id = await submit(t, secret);
    expect(await publishedExactly(published, 1)).toBe(1);
    await t.app.inject({ method: 'POST', url: `/test/escalate/${id}` });
    expect(await publishedExactly(published, 2)).toBe(2);
    const events = await t.store.db.selectFrom('events').select('type').where('submission_id', '=', id).execute();
    expect(events).toHaveLength(4);
  });

  it('publishes nothing, and stores nothing, for work that rolled back', async () => {
    t = await buildTestApp(engine);
    addEscalationRoute(t.app, { fail: true });
    const secret = reporterSecret();
    const published = await countPublishes(t, secret);
    const id = await submit(t, secret);
    expect(await publishedExactly(published, 1)).toBe(1);
    expect((await t.app.inject({ method: 'POST', url: `/test/escalate/${id}` })).statusCode).toBe(500);
    await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'triaged' });
    expect(await publishedExactly(published, 2)).toBe(2);
    const events = await t.store.db.selectFrom('events').select('type').where('submission_id', '=', id).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['received', 'status']);
  });

  it('wakes the notification worker at commit rather than at its next poll', async () => {
    const hooks = await startHookReceiver();
    try {
      t = await buildTestApp(engine, { notifierPollMs: 600_000, ...RECEIVER_ALLOWED });
      await addWebhook(t, { url: hooks.url, events: ['submission.created'] });
      await t.app.ready();
      await submit(t);
      const call = await eventually(() => hooks.calls[0], 5000);
      expect(JSON.parse(call.body)).toMatchObject({ event: 'submission.created' });
    } finally {
      await hooks.close();
    }
  });
});
