import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorBody, StreamTicket, SubmissionBatchResult } from '@sori/protocol';
import { buildTestApp, engines, item, reporterSecret, shopperHeaders, STORE_ORIGIN, type TestContext } from './helpers.js';

interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

/** Reads Server-Sent Events off a fetch response until `count` events with data arrived. */
async function readEvents(res: Response, count: number): Promise<SseEvent[]> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: SseEvent[] = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: SseEvent = {};
      for (const line of frame.split('\n')) {
        const [field, ...rest] = line.split(': ');
        if (field === 'id' || field === 'event' || field === 'data') event[field] = rest.join(': ');
      }
      if (event.data) events.push(event);
    }
  }
  await reader.cancel();
  return events;
}

describe.each(engines)('update stream on %s', (engine) => {
  let t: TestContext;
  let base: string;
  beforeEach(async () => {
    t = await buildTestApp(engine);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(() => t.close());

  async function submit(secret: string) {
    const res = await fetch(`${base}/v1/submissions`, {
      method: 'POST',
      headers: { ...shopperHeaders(t.site, secret), 'content-type': 'application/json' },
      body: JSON.stringify({ items: [item()] }),
    });
    const [result] = ((await res.json()) as SubmissionBatchResult).results;
    if (result?.result !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(result)}`);
    return result.receipt.id;
  }

  async function ticket(secret: string): Promise<string> {
    const res = await fetch(`${base}/v1/reporter/stream-tickets`, { method: 'POST', headers: shopperHeaders(t.site, secret) });
    expect(res.status).toBe(200);
    return ((await res.json()) as StreamTicket).ticket;
  }

  it('streams a status change made in the desk to the open stream, live', async () => {
    const secret = reporterSecret();
    const id = await submit(secret);
    const stream = await fetch(`${base}/v1/reporter/updates?ticket=${await ticket(secret)}`, { headers: { origin: STORE_ORIGIN } });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expect(stream.headers.get('access-control-allow-origin')).toBe(STORE_ORIGIN);
    const reading = readEvents(stream, 2);
    await fetch(`${base}/v1/desk/submissions/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'in_progress' }),
    });
    const [received, changed] = await reading;
    expect(JSON.parse(received!.data!)).toMatchObject({ type: 'received', submissionId: id });
    expect(changed!.event).toBe('update');
    expect(JSON.parse(changed!.data!)).toMatchObject({ type: 'status', status: 'in_progress', publicStatus: 'in_review' });
    expect(Number(changed!.id)).toBeGreaterThan(Number(received!.id));
  });

  it('keeps proxies from buffering and idle streams alive with heartbeats', async () => {
    await t.close();
    t = await buildTestApp(engine, { heartbeatSeconds: 0.05 });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const secret = reporterSecret();
    await submit(secret);
    const stream = await fetch(`${base}/v1/reporter/updates?ticket=${await ticket(secret)}`, { headers: { origin: STORE_ORIGIN } });
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.headers.get('cache-control')).toContain('no-cache');
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = '';
    while (!seen.includes(': ping')) seen += (await reader.read()).value ?? '';
    expect(seen).toContain('retry: 3000');
    await reader.cancel();
  });

  it('resumes after Last-Event-ID without repeating what the browser had', async () => {
    const secret = reporterSecret();
    const id = await submit(secret);
    await t.app.inject({
      method: 'POST',
      url: `/v1/desk/submissions/${id}/replies`,
      headers: { authorization: `Bearer ${t.token}` },
      payload: { message: 'A new one is on its way' },
    });
    const all = await readEvents(await fetch(`${base}/v1/reporter/updates?ticket=${await ticket(secret)}`, { headers: { origin: STORE_ORIGIN } }), 2);
    const resumed = await fetch(`${base}/v1/reporter/updates?ticket=${await ticket(secret)}`, {
      headers: { origin: STORE_ORIGIN, 'last-event-id': all[0]!.id! },
    });
    const [next] = await readEvents(resumed, 1);
    expect(JSON.parse(next!.data!)).toMatchObject({ type: 'reply', message: 'A new one is on its way', publicStatus: 'answered' });
  });

  it('refuses a forged ticket and another site origin', async () => {
    const forged = await fetch(`${base}/v1/reporter/updates?ticket=st_forgedforgedforged`, { headers: { origin: STORE_ORIGIN } });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as ErrorBody).error.message).toContain('stream-tickets');
    const secret = reporterSecret();
    await submit(secret);
    const foreign = await fetch(`${base}/v1/reporter/updates?ticket=${await ticket(secret)}`, { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
  });

  it('finishes requests in flight when it shuts down', async () => {
    await t.close();
    t = await buildTestApp(engine);
    t.app.get('/test/slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { done: true };
    });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const inFlight = fetch(`${base}/test/slow`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await t.app.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
  });

  it('does not let open streams hold up a shutdown', async () => {
    const secret = reporterSecret();
    await submit(secret);
    const stream = await fetch(`${base}/v1/reporter/updates?ticket=${await ticket(secret)}`, { headers: { origin: STORE_ORIGIN } });
    await readEvents(stream, 1);
    const started = Date.now();
    await t.app.close();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
