import type { BulkResult, DeskDetail, DeskList, InboxCounts, PublicEvent } from '@sori/protocol';
import { describe, expect, it } from 'vitest';
import { desk, engines, readEvents, reporterSecret, submit, useTestApp, type TestContext } from '../../helpers.js';

/** Every page of a list query, following `nextCursor`; answers the tracking numbers in order. */
async function allPages(t: TestContext, query: string, limit = 2): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const res = await desk(t, 'GET', `/v1/desk/submissions?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode).toBe(200);
    const page = res.json() as DeskList;
    seen.push(...page.submissions.map((s) => s.message));
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

/** Makes a submission's answer due at `minutes` from now (negative: overdue). */
async function dueIn(t: TestContext, id: string, minutes: number): Promise<void> {
  await t.store.db.updateTable('submissions').set({ expected_response_by: new Date(Date.now() + minutes * 60_000).toISOString() }).where('id', '=', id).execute();
}

describe.each(engines)('the inbox on %s', (engine) => {
  const t = useTestApp(engine);

  it('sorts what is due first by default, then oldest or newest, and pages by keyset with nothing missed or repeated', async () => {
    const ids: Record<string, string> = {};
    for (const name of ['a', 'b', 'c', 'd', 'e']) ids[name] = await submit(t, reporterSecret(), { message: name });
    await dueIn(t, ids['a']!, 240);
    await dueIn(t, ids['b']!, -30);
    await dueIn(t, ids['c']!, 10);
    await dueIn(t, ids['d']!, 60);
    // Answered: staff wait for the shopper, so it is owed nothing and goes after the owed ones.
    await desk(t, 'POST', `/v1/desk/submissions/${ids['e']}/replies`, { text: 'Which size?' });

    expect(await allPages(t, 'open=true')).toEqual(['b', 'c', 'd', 'a', 'e']);
    expect(await allPages(t, 'sort=oldest')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(await allPages(t, 'sort=newest')).toEqual(['e', 'd', 'c', 'b', 'a']);
    expect((await desk(t, 'GET', '/v1/desk/submissions?sort=newest&cursor=not-a-cursor')).json().error).toMatchObject({ code: 'invalid', field: 'cursor' });
    // A cursor is only good for the sort it came from.
    const page = (await desk(t, 'GET', '/v1/desk/submissions?sort=due&limit=1')).json() as DeskList;
    expect((await desk(t, 'GET', `/v1/desk/submissions?sort=oldest&cursor=${page.nextCursor}`)).statusCode).toBe(400);
  });

  it('filters on the server: mine, unassigned, spam, call back, SLA, and text that matches email, phone and tracking number', async () => {
    const me = (await desk(t, 'GET', '/v1/desk/session')).json().user.id as string;
    const mine = await submit(t, reporterSecret(), { message: 'Mine to do' });
    await desk(t, 'PATCH', `/v1/desk/submissions/${mine}`, { assigneeId: me });
    const callBack = await submit(t, reporterSecret(), { message: 'Call me', contact: { phone: '010-1234-5678', consent: true, preference: 'phone' } });
    await submit(t, reporterSecret(), { message: 'Buy cheap watches', trap: 'http://spam.example' });
    const late = await submit(t, reporterSecret(), { message: 'Still waiting', contact: { email: 'late@example.com' } });
    await dueIn(t, late, -5);

    const messages = async (query: string) => ((await desk(t, 'GET', `/v1/desk/submissions?${query}`)).json() as DeskList).submissions.map((s) => s.message).sort();
    expect(await messages('assignee=me')).toEqual(['Mine to do']);
    expect(await messages('assignee=none&spam=false')).toEqual(['Call me', 'Still waiting']);
    expect(await messages('spam=true')).toEqual(['Buy cheap watches']);
    expect(await messages('contactPreference=phone')).toEqual(['Call me']);
    expect(await messages('sla=breached')).toEqual(['Still waiting']);
    expect(await messages('q=LATE%40example')).toEqual(['Still waiting']);
    expect(await messages('q=1234-5678')).toEqual(['Call me']);
    const tracking = ((await desk(t, 'GET', `/v1/desk/submissions/${callBack}`)).json() as DeskDetail).submission.trackingNumber;
    expect(await messages(`q=${tracking.slice(0, 7)}`)).toEqual(['Call me']);

    // The counts are those of the same views.
    const { counts } = (await desk(t, 'GET', '/v1/desk/submissions/counts')).json() as InboxCounts;
    // A complaint is due within the hour from the start (its default standard): those two not yet late are "due soon".
    expect(counts).toEqual({ all: 3, mine: 1, unassigned: 2, due_soon: 2, breached: 1, call_back: 1, spam: 1 });
  });

  it('changes many submissions in one request, tells each shopper, and reports what the lifecycle refused', async () => {
    const secret = reporterSecret();
    const ids = [await submit(t, secret), await submit(t, secret), await submit(t)];
    await desk(t, 'PATCH', `/v1/desk/submissions/${ids[2]}`, { status: 'closed', reason: 'Duplicate' });
    const res = await desk(t, 'POST', '/v1/desk/submissions/bulk', { ids: [...ids, 'no-such-id'], change: { status: 'in_progress', department: 'logistics' } });
    expect(res.statusCode).toBe(200);
    const result = res.json() as BulkResult;
    expect(result.changed).toBe(2);
    expect(result.failed.map((f) => f.code).sort()).toEqual(['invalid_transition', 'not_found']);
    const detail = (await desk(t, 'GET', `/v1/desk/submissions/${ids[0]}`)).json() as DeskDetail;
    expect(detail.submission).toMatchObject({ status: 'in_progress', department: 'logistics' });
    // The shopper's own events say so.
    const events = await t.app.inject({ method: 'GET', url: '/v1/reporter/events', headers: { origin: 'https://shop.example', 'x-sori-site': t.site.key, 'x-sori-reporter': secret } });
    expect((events.json().events as PublicEvent[]).filter((e) => e.type === 'status').map((e) => e.status)).toEqual(['in_progress', 'in_progress']);
  });

  it("stops a reply written over someone else's newer one, and lets it through once it was seen", async () => {
    const id = await submit(t);
    const before = ((await desk(t, 'GET', `/v1/desk/submissions/${id}`)).json() as DeskDetail).timeline.at(-1)!.id;
    const admin = await t.adminToken();
    await desk(t, 'POST', `/v1/desk/submissions/${id}/notes`, { text: 'I am calling them now.' }, admin);

    const stale = await desk(t, 'POST', `/v1/desk/submissions/${id}/replies`, { text: 'We will call you.', seenEventId: before });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'stale', field: 'seenEventId' });
    expect(stale.json().error.message).toContain('note from Boss');
    const newest = ((await desk(t, 'GET', `/v1/desk/submissions/${id}`)).json() as DeskDetail).timeline.at(-1)!.id;
    expect((await desk(t, 'POST', `/v1/desk/submissions/${id}/replies`, { text: 'We will call you.', seenEventId: newest })).statusCode).toBe(201);
  });

  it('keeps canned replies per kind and language', async () => {
    const made = await desk(t, 'POST', '/v1/desk/canned-replies', { title: 'Sorry', text: 'Sorry, {{name}}: {{trackingNumber}} is on its way.', kind: 'complaint', locale: 'en' });
    expect(made.statusCode).toBe(201);
    const { id } = made.json();
    expect((await desk(t, 'PATCH', `/v1/desk/canned-replies/${id}`, { title: 'Apology' })).json()).toMatchObject({ title: 'Apology', kind: 'complaint', locale: 'en' });
    expect((await desk(t, 'GET', '/v1/desk/canned-replies')).json().cannedReplies).toHaveLength(1);
    expect((await desk(t, 'POST', '/v1/desk/canned-replies', { title: 'x', text: 'y', kind: 'rant' })).statusCode).toBe(400);
    expect((await desk(t, 'DELETE', `/v1/desk/canned-replies/${id}`)).statusCode).toBe(204);
    expect((await desk(t, 'DELETE', `/v1/desk/canned-replies/${id}`)).statusCode).toBe(404);
  });

  it('tells the sites with the kinds, products and departments to classify and route with', async () => {
    const { sites } = (await desk(t, 'GET', '/v1/desk/sites')).json();
    expect(sites).toEqual([expect.objectContaining({ id: t.site.id, name: 'Test shop', departments: expect.arrayContaining(['logistics']) })]);
  });
});

describe.each(engines)('the staff event stream on %s', (engine) => {
  const t = useTestApp(engine);

  it('starts at the newest event as JSON, then answers what came after it with each submission as it is', async () => {
    await submit(t);
    const start = (await desk(t, 'GET', '/v1/desk/events')).json();
    expect(start.events).toEqual([]);
    const id = await submit(t);
    await desk(t, 'POST', `/v1/desk/submissions/${id}/notes`, { text: 'Staff only' });
    const after = (await desk(t, 'GET', `/v1/desk/events?after=${start.cursor}`)).json();
    expect(after.events.map((e: { event: { type: string } }) => e.event.type)).toEqual(['received', 'note']);
    expect(after.events[1].submission.id).toBe(id);
    expect(after.cursor).toBe(after.events[1].id);
  });

  it('streams every commit and every presence change to signed-in staff, live', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const stream = await fetch(`${base}/v1/desk/events`, { headers: { authorization: `Bearer ${t.token}`, accept: 'text/event-stream' } });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const read = readEvents(stream, 3);
    const id = await submit(t);
    expect((await desk(t, 'PUT', `/v1/desk/submissions/${id}/presence`, { state: 'replying' })).statusCode).toBe(204);
    await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { department: 'logistics' });
    const frames = await read;
    // Presence is told on this instance at once; events come through the hub (NOTIFY on
    // PostgreSQL), so the two kinds may interleave either way. Events keep their own order.
    const presence = frames.filter((e) => e.event === 'presence');
    const events = frames.filter((e) => e.event === 'event');
    expect(presence.map((e) => JSON.parse(e.data!))).toEqual([{ submissionId: id, users: [expect.objectContaining({ name: 'Mina', state: 'replying' })] }]);
    expect(events.map((e) => JSON.parse(e.data!).event.type)).toEqual(['received', 'routing']);
    expect(JSON.parse(events[1]!.data!).submission.department).toBe('logistics');
    expect(Number(events[1]!.id)).toBeGreaterThan(Number(events[0]!.id));

    const anonymous = await fetch(`${base}/v1/desk/events`, { headers: { accept: 'text/event-stream' } });
    expect(anonymous.status).toBe(401);
    await anonymous.body?.cancel();
  });
});
