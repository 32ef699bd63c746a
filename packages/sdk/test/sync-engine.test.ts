import 'fake-indexeddb/auto';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '@sori/protocol/constants';
import type { SubmissionInput } from '@sori/protocol';
import { ENDPOINT } from './fake-server.js';
import { eventually, serveFake, sori, until } from './helpers.js';

const fake = serveFake();

describe('sync engine', () => {
  it('recovers when the answer is lost after the server stored the item: the resend is a duplicate with the same receipt', async () => {
    let lost = 0;
    fake.server.use(
      http.post(`${ENDPOINT}/v1/submissions`, async ({ request }) => {
        // The server commits, then the connection drops before the answer arrives.
        const body = (await request.clone().json()) as { items: SubmissionInput[] };
        for (const input of body.items) fake.stored.set(input.clientId, { id: 'kept-1', input, trackingNumber: 'SR-KEPT-0001', reporter: '' });
        lost++;
        return HttpResponse.error();
      }, { once: true }),
    );
    const client = sori();
    const item = await client.submit({ kind: 'complaint', message: 'Lost answer' });
    const accepted = await until(client, item.id, (i) => i.delivery === 'accepted');
    expect(lost).toBe(1);
    expect(accepted).toMatchObject({ trackingNumber: 'SR-KEPT-0001', serverId: 'kept-1' });
    expect([...fake.stored.values()].filter((s) => s.input.clientId === item.id)).toHaveLength(1);
  });

  it('keeps items queued while the server refuses the site, says why on status, and sends them once fixed', async () => {
    fake.server.use(
      http.post(`${ENDPOINT}/v1/submissions`, () =>
        HttpResponse.json({ error: { code: 'unknown_site', message: 'No site has this key' } }, { status: 401 }),
      ),
    );
    const client = sori();
    const item = await client.submit({ kind: 'complaint', message: 'Set-up trouble' });
    await until(client, item.id, (i) => i.delivery === 'queued' && i.nextRetryAt !== undefined);
    expect(client.status().error).toMatchObject({ code: 'unknown_site', message: 'No site has this key' });
    expect(client.status().pending).toBe(1);
    expect((await client.items()).map((i) => i.delivery)).toEqual(['queued']);

    fake.server.resetHandlers();
    await until(client, item.id, (i) => i.delivery === 'accepted');
    // The error clears when the whole pass is over, a moment after the item is saved as accepted.
    await eventually(() => client.status().error === undefined);
    expect(fake.stored.get(item.id)?.input.message).toBe('Set-up trouble');
  });

  it('rejects the items of a request refused for what it carries (413), with the reason, and stops retrying', async () => {
    let calls = 0;
    fake.server.use(
      http.post(`${ENDPOINT}/v1/submissions`, () => {
        calls++;
        return HttpResponse.json({ error: { code: 'payload_too_large', message: 'A request body may carry at most 262144 bytes' } }, { status: 413 });
      }),
    );
    const client = sori();
    const item = await client.submit({ kind: 'complaint', message: 'Too big, somehow' });
    const rejected = await until(client, item.id, (i) => i.delivery === 'rejected');
    expect(rejected.error).toMatchObject({ code: 'payload_too_large' });
    const seen = calls;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls).toBe(seen);
  });

  it(`sends a long queue in batches of at most ${LIMITS.batchItems} and stores every item once`, async () => {
    // While `down`, every attempt fails, so the whole queue is waiting when the server comes back.
    let down = true;
    // Like the real server, refuse an oversized batch as a whole.
    fake.server.use(
      http.post(`${ENDPOINT}/v1/submissions`, async ({ request }) => {
        if (down) return HttpResponse.json({ error: { code: 'unavailable', message: 'down' } }, { status: 503 });
        const body = (await request.clone().json()) as { items: SubmissionInput[] };
        if (body.items.length > LIMITS.batchItems) return HttpResponse.json({ error: { code: 'invalid', message: 'too many items', field: 'items' } }, { status: 400 });
        return undefined; // fall through to the fake server
      }),
    );
    const client = sori();
    const items = [];
    for (let i = 0; i < LIMITS.batchItems + 10; i++) items.push(await client.submit({ kind: 'suggestion', message: `Idea ${i}` }));
    down = false;
    await client.flush();
    for (const item of items) await until(client, item.id, (i) => i.delivery === 'accepted');
    expect(items.filter((i) => fake.stored.has(i.id))).toHaveLength(items.length);
    expect(client.status().pending).toBe(0);
  });

  it('keeps a rejected shopper message in the thread with the reason', async () => {
    const client = sori();
    const item = await client.submit({ kind: 'inquiry', message: 'Colour?' });
    await until(client, item.id, (i) => i.delivery === 'accepted');
    fake.server.use(
      http.post(`${ENDPOINT}/v1/reporter/messages`, async ({ request }) => {
        const body = (await request.json()) as { items: Array<{ clientId: string }> };
        return HttpResponse.json({ results: body.items.map((m) => ({ clientId: m.clientId, result: 'rejected', error: { code: 'invalid', message: 'message refused', field: 'message' } })) });
      }),
    );
    await client.reply(item.id, 'Blue please');
    const after = await until(client, item.id, (i) => i.outgoing[0]?.delivery === 'rejected');
    expect(after.outgoing[0]).toMatchObject({ message: 'Blue please', error: { code: 'invalid', field: 'message' } });
  });
});
