import type { ErrorBody } from '@sori/protocol';
import { STREAM_EVENT } from '@sori/protocol';
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import {
  buildTestApp,
  desk,
  engines,
  openEventStream,
  readEvents,
  reporterSecret,
  shopperHeaders,
  STORE_ORIGIN,
  streamTicket,
  submit,
  useTestApp,
} from '../../helpers.js';

describe.each(engines)('GET /v1/reporter/events as JSON on %s', (engine) => {
  const t = useTestApp(engine);

  it("answers the reporter's public events after a cursor, for this reporter only", async () => {
    const mine = reporterSecret();
    await submit(t, mine);
    await submit(t, reporterSecret());
    const res = await t.app.inject({ method: 'GET', url: '/v1/reporter/events?after=0', headers: shopperHeaders(t.site, mine) });
    expect(res.headers['content-type']).toContain('application/json');
    const { events, cursor } = res.json();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'received', publicStatus: 'received' });
    const after = await t.app.inject({ method: 'GET', url: `/v1/reporter/events?after=${cursor}`, headers: shopperHeaders(t.site, mine) });
    expect(after.json().events).toEqual([]);
  });

  it('carries staff replies as text', async () => {
    const mine = reporterSecret();
    const id = await submit(t, mine);
    await desk(t, 'POST', `/v1/desk/submissions/${id}/replies`, { text: 'Sending a new jar today' });
    const { events } = (await t.app.inject({ method: 'GET', url: '/v1/reporter/events', headers: shopperHeaders(t.site, mine) })).json();
    expect(events.at(-1)).toMatchObject({ type: 'reply', author: 'staff', text: 'Sending a new jar today' });
  });

  it('needs the reporter secret even with a stream ticket in the query', async () => {
    const mine = reporterSecret();
    await submit(t, mine);
    const ticket = await streamTicket(t.app, t.site, mine);
    const res = await t.app.inject({ method: 'GET', url: `/v1/reporter/events?ticket=${ticket}`, headers: { origin: STORE_ORIGIN, 'x-sori-site': t.site.key } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toContain('x-sori-reporter');
  });
});

describe.each(engines)('GET /v1/reporter/events as a stream on %s', (engine) => {
  const t = useTestApp(engine);
  let base: string;
  beforeEach(async () => {
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });

  const open = (secret: string, headers: Record<string, string> = {}) => openEventStream(base, t.app, t.site, secret, headers);

  it('streams a status change made in the desk to the open stream, live', async () => {
    const secret = reporterSecret();
    const id = await submit(t, secret);
    const stream = await open(secret);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expect(stream.headers.get('access-control-allow-origin')).toBe(STORE_ORIGIN);
    const reading = readEvents(stream, 2);
    await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'in_progress' });
    const [received, changed] = await reading;
    expect(JSON.parse(received!.data!)).toMatchObject({ type: 'received', submissionId: id });
    expect(changed!.event).toBe(STREAM_EVENT);
    expect(changed!.event).toBe('event');
    expect(JSON.parse(changed!.data!)).toMatchObject({ type: 'status', status: 'in_progress', publicStatus: 'in_review' });
    expect(Number(changed!.id)).toBeGreaterThan(Number(received!.id));
  });

  it('keeps proxies from buffering, idle streams alive with heartbeats, and the strict headers on', async () => {
    const quick = await buildTestApp(engine, { heartbeatSeconds: 0.05 });
    onTestFinished(() => quick.close());
    const quickBase = await quick.app.listen({ port: 0, host: '127.0.0.1' });
    const secret = reporterSecret();
    await submit(quick, secret);
    const stream = await openEventStream(quickBase, quick.app, quick.site, secret);
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.headers.get('cache-control')).toContain('no-store');
    expect(stream.headers.get('x-content-type-options')).toBe('nosniff');
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = '';
    // The heartbeat is an event, which EventSource passes on: a client can tell a quiet stream from a dead one.
    while (!seen.includes('event: heartbeat\ndata: {"at":')) seen += (await reader.read()).value ?? '';
    expect(seen).toContain('retry: 3000');
    await reader.cancel();
  });

  it('resumes after Last-Event-ID without repeating what the browser had', async () => {
    const secret = reporterSecret();
    const id = await submit(t, secret);
    await desk(t, 'POST', `/v1/desk/submissions/${id}/replies`, { text: 'A new one is on its way' });
    const all = await readEvents(await open(secret), 2);
    const [next] = await readEvents(await open(secret, { 'last-event-id': all[0]!.id! }), 1);
    expect(JSON.parse(next!.data!)).toMatchObject({ type: 'reply', text: 'A new one is on its way', publicStatus: 'answered' });
  });

  it('starts after the `after` cursor when the browser sends no Last-Event-ID', async () => {
    const secret = reporterSecret();
    const id = await submit(t, secret);
    const { cursor } = (await t.app.inject({ method: 'GET', url: '/v1/reporter/events', headers: shopperHeaders(t.site, secret) })).json();
    await desk(t, 'POST', `/v1/desk/submissions/${id}/replies`, { text: 'After the cursor' });
    const ticket = await streamTicket(t.app, t.site, secret);
    const stream = await fetch(`${base}/v1/reporter/events?ticket=${ticket}&after=${cursor}`, { headers: { origin: STORE_ORIGIN, accept: 'text/event-stream' } });
    const [first] = await readEvents(stream, 1);
    expect(JSON.parse(first!.data!)).toMatchObject({ type: 'reply', text: 'After the cursor' });
  });

  it('refuses a forged ticket, a missing one and another site origin', async () => {
    const stream = (query: string, origin = STORE_ORIGIN) => fetch(`${base}/v1/reporter/events${query}`, { headers: { origin, accept: 'text/event-stream' } });
    const forged = await stream('?ticket=st_forgedforgedforged');
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as ErrorBody).error.message).toContain('stream-tickets');
    expect((await stream('')).status).toBe(401);
    const secret = reporterSecret();
    await submit(t, secret);
    const foreign = await stream(`?ticket=${await streamTicket(t.app, t.site, secret)}`, 'https://evil.example');
    expect(foreign.status).toBe(403);
  });

  /** A submission as stored. */
  const stored = (id: string) => t.store.db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('gives each of many streams one commit woke its own events, in order, each once', async () => {
    const shoppers = await Promise.all(Array.from({ length: 40 }, async () => {
      const secret = reporterSecret();
      return { secret, id: await submit(t, secret) };
    }));
    const streams = await Promise.all(shoppers.map(({ secret }) => open(secret)));
    const readers = streams.map((stream) => readEvents(stream, 4));
    // A second stream of one reporter, from after its first event: the same reporter twice in one read, with two cursors.
    const [received] = (await t.app.inject({ method: 'GET', url: '/v1/reporter/events', headers: shopperHeaders(t.site, shoppers[0]!.secret) })).json().events;
    const twice = readEvents(await open(shoppers[0]!.secret, { 'last-event-id': String(received.id) }), 3);
    const ids = shoppers.map(({ id }) => id);
    for (const status of ['triaged', 'in_progress', 'resolved']) {
      expect((await desk(t, 'POST', '/v1/desk/submissions/bulk', { ids, change: { status } })).statusCode).toBe(200);
    }
    for (const [i, read] of readers.entries()) {
      const sent = await read;
      const events = sent.map((event) => JSON.parse(event.data!));
      expect(sent.map((event) => Number(event.id))).toEqual(events.map((event) => event.id));
      // What the reporter's JSON resource answers, no more (none twice, none of another's) and in its order.
      const json = (await t.app.inject({ method: 'GET', url: '/v1/reporter/events', headers: shopperHeaders(t.site, shoppers[i]!.secret) })).json();
      expect(events).toEqual(json.events);
      expect(events.map((event) => event.status)).toEqual(['received', 'triaged', 'in_progress', 'resolved']);
    }
    expect((await twice).map((event) => JSON.parse(event.data!).status)).toEqual(['triaged', 'in_progress', 'resolved']);
  });

  it('reads on when a page is full, until the stream has every event', async () => {
    const secret = reporterSecret();
    const submission = await stored(await submit(t, secret));
    const reading = readEvents(await open(secret), 1 + 1200);
    // More than two pages (500 each) in one commit: the stream woken by it reads three times.
    await t.app.transaction((unit) =>
      unit.appendEvents(Array.from({ length: 1200 }, (_, i) => ({ type: 'reply' as const, author: 'staff' as const, public: true, submission, text: `Reply ${i}` }))),
    );
    const events = (await reading).map((event) => JSON.parse(event.data!));
    expect(events.map((event) => event.text)).toEqual([undefined, ...Array.from({ length: 1200 }, (_, i) => `Reply ${i}`)]);
    expect(new Set(events.map((event) => event.id)).size).toBe(1201);
  });

  it('does not let open streams hold up a shutdown', async () => {
    const secret = reporterSecret();
    await submit(t, secret);
    const reader = (await open(secret)).body!.getReader();
    await reader.read();
    const started = Date.now();
    await t.app.close();
    expect(Date.now() - started).toBeLessThan(5000);
    // The server ended the stream: the browser's read finishes rather than hanging.
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read());
  });
});
