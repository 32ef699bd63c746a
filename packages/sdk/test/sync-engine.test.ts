import 'fake-indexeddb/auto';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { LIMITS } from '@sori/protocol/constants';
import type { MessageInput } from '@sori/protocol';
import { ENDPOINT, type Post } from './fake-server.js';
import { eventually, serveFake, sori, until } from './helpers.js';

const fake = serveFake();

describe('sync engine', () => {
  it('re-sends after a 503 and stores the submission once', async () => {
    fake.failures.push({ status: 503 }, { status: 503 });
    const client = sori();
    const submission = await client.submit({ kind: 'inquiry', message: 'Is it dishwasher safe?' });
    await until(client, submission.clientId, (s) => s.sendState === 'accepted');
    expect([...fake.stored.keys()].filter((id) => id === submission.clientId)).toHaveLength(1);
  });

  it('waits as long as a 429 Retry-After says', async () => {
    fake.failures.push({ status: 429, retryAfter: 1 });
    const client = sori();
    const started = Date.now();
    const submission = await client.submit({ kind: 'inquiry', message: 'Hello?' });
    const waiting = await until(client, submission.clientId, (s) => s.sendState === 'queued' && s.nextRetryAt !== undefined);
    expect(Date.parse(waiting.nextRetryAt ?? '') - started).toBeGreaterThanOrEqual(900);
    await until(client, submission.clientId, (s) => s.sendState === 'accepted');
  });

  it('recovers when the answer is lost after the server stored the submission: the resend is a duplicate with the same receipt', async () => {
    let lost = 0;
    fake.server.use(
      http.post(
        `${ENDPOINT}/v1/submissions`,
        async ({ request }) => {
          // The server commits, then the connection drops before the answer arrives.
          const body = (await request.clone().json()) as Post['body'];
          for (const input of body.submissions) fake.stored.set(input.clientId, { id: 'kept-1', input, trackingNumber: 'SR-KEPT-0001', reporter: '' });
          lost++;
          return HttpResponse.error();
        },
        { once: true },
      ),
    );
    const client = sori();
    const submission = await client.submit({ kind: 'complaint', message: 'Lost answer' });
    const accepted = await until(client, submission.clientId, (s) => s.sendState === 'accepted');
    expect(lost).toBe(1);
    expect(accepted).toMatchObject({ trackingNumber: 'SR-KEPT-0001', id: 'kept-1' });
    expect([...fake.stored.values()].filter((s) => s.input.clientId === submission.clientId)).toHaveLength(1);
  });

  it('keeps a rejected submission visible with the reason, does not retry it, and resends it edited', async () => {
    const client = sori();
    const submission = await client.submit({ kind: 'praise', message: 'REJECT me' });
    const rejected = await until(client, submission.clientId, (s) => s.sendState === 'rejected');
    expect(rejected.error).toMatchObject({ code: 'invalid', field: 'message' });
    expect((await client.submissions()).map((s) => s.clientId)).toContain(submission.clientId);
    const resent = await client.resend(submission.clientId, { message: 'Lovely packaging' });
    await until(client, resent.clientId, (s) => s.sendState === 'accepted');
    expect((await client.submissions()).map((s) => s.clientId)).toEqual([resent.clientId]);
  });

  it('keeps submissions queued while the server refuses the site, says why in syncState, and sends them once fixed', async () => {
    fake.server.use(
      http.post(`${ENDPOINT}/v1/submissions`, () => HttpResponse.json({ error: { code: 'unknown_site', message: 'No site has this key' } }, { status: 401 })),
    );
    const client = sori();
    const submission = await client.submit({ kind: 'complaint', message: 'Set-up trouble' });
    await until(client, submission.clientId, (s) => s.sendState === 'queued' && s.nextRetryAt !== undefined);
    expect(client.syncState().error).toMatchObject({ code: 'unknown_site', message: 'No site has this key' });
    expect(client.syncState().pending).toBe(1);
    expect((await client.submissions()).map((s) => s.sendState)).toEqual(['queued']);

    fake.server.resetHandlers();
    await until(client, submission.clientId, (s) => s.sendState === 'accepted');
    // The error clears when the whole pass is over, a moment after the submission is saved as accepted.
    await eventually(() => client.syncState().error === undefined);
    expect(fake.stored.get(submission.clientId)?.input.message).toBe('Set-up trouble');
  });

  it('surfaces a failure of its own as `internal`, reports it once, and keeps the submission queued at the longest backoff', async () => {
    // A proxy answers 200 with an HTML page: the sender cannot read results from it.
    let broken = true;
    let calls = 0;
    fake.server.use(
      http.post(`${ENDPOINT}/v1/submissions`, () => {
        calls++;
        return broken ? HttpResponse.html('<h1>Welcome to the hotel Wi-Fi</h1>') : undefined;
      }),
    );
    const reported = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const client = sori({ maxRetryDelayMs: 100 });
    const started = Date.now();
    const submission = await client.submit({ kind: 'complaint', message: 'Behind a portal' });
    const waiting = await until(client, submission.clientId, (s) => s.sendState === 'queued' && s.nextRetryAt !== undefined);
    expect(client.syncState().error).toMatchObject({ code: 'internal', message: expect.stringMatching(/results/) });
    // The longest backoff (100 ms here), not a first retry after about a second's half.
    expect(Date.parse(waiting.nextRetryAt ?? '') - started).toBeGreaterThanOrEqual(100);
    await eventually(() => calls >= 3);
    expect(reported).toHaveBeenCalledTimes(1);
    expect(client.syncState().pending).toBe(1);

    broken = false;
    await until(client, submission.clientId, (s) => s.sendState === 'accepted');
    await eventually(() => client.syncState().error === undefined);
  });

  it('rejects the submissions of a request refused for what it carries (413), with the reason, and stops retrying', async () => {
    let calls = 0;
    fake.server.use(
      http.post(`${ENDPOINT}/v1/submissions`, () => {
        calls++;
        return HttpResponse.json({ error: { code: 'payload_too_large', message: 'A request body may carry at most 262144 bytes' } }, { status: 413 });
      }),
    );
    const client = sori();
    const submission = await client.submit({ kind: 'complaint', message: 'Too big, somehow' });
    const rejected = await until(client, submission.clientId, (s) => s.sendState === 'rejected');
    expect(rejected.error).toMatchObject({ code: 'payload_too_large' });
    const seen = calls;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls).toBe(seen);
  });

  it(`sends a long queue in batches of at most ${LIMITS.batchSize} and stores every submission once`, async () => {
    // While `down`, every try fails, so the whole queue is waiting when the server comes back.
    let down = true;
    // Like the real server, refuse an oversized batch as a whole.
    fake.server.use(
      http.post(`${ENDPOINT}/v1/submissions`, async ({ request }) => {
        if (down) return HttpResponse.json({ error: { code: 'unavailable', message: 'down' } }, { status: 503 });
        const body = (await request.clone().json()) as Post['body'];
        if (body.submissions.length > LIMITS.batchSize) return HttpResponse.json({ error: { code: 'invalid', message: 'too many submissions', field: 'submissions' } }, { status: 400 });
        return undefined; // fall through to the fake server
      }),
    );
    const client = sori();
    const submissions = [];
    for (let i = 0; i < LIMITS.batchSize + 10; i++) submissions.push(await client.submit({ kind: 'suggestion', message: `Idea ${i}` }));
    down = false;
    await client.flush();
    for (const submission of submissions) await until(client, submission.clientId, (s) => s.sendState === 'accepted');
    expect(submissions.filter((s) => fake.stored.has(s.clientId))).toHaveLength(submissions.length);
    expect(client.syncState().pending).toBe(0);
  });

  it('keeps a rejected shopper message in the thread with the reason', async () => {
    const client = sori();
    const submission = await client.submit({ kind: 'inquiry', message: 'Colour?' });
    await until(client, submission.clientId, (s) => s.sendState === 'accepted');
    fake.server.use(
      http.post(`${ENDPOINT}/v1/reporter/messages`, async ({ request }) => {
        const body = (await request.json()) as { messages: MessageInput[] };
        return HttpResponse.json({ results: body.messages.map((m) => ({ clientId: m.clientId, result: 'rejected', error: { code: 'invalid', message: 'message refused', field: 'text' } })) });
      }),
    );
    await client.sendMessage(submission.clientId, 'Blue please');
    const after = await until(client, submission.clientId, (s) => s.outgoing[0]?.sendState === 'rejected');
    expect(after.outgoing[0]).toMatchObject({ text: 'Blue please', error: { code: 'invalid', field: 'text' } });
  });
});
