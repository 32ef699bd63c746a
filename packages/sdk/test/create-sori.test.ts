import 'fake-indexeddb/auto';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Rating, SiteConfig } from '@sori/protocol';
import { createSori, isSoriError } from '../src/index.js';
import { ENDPOINT, SITE } from './fake-server.js';
import { reporterSubmission, serveFake, sori, until } from './helpers.js';

const fake = serveFake();

describe('createSori', () => {
  it('stores a submission before sending and shows the tracking number once accepted', async () => {
    const client = sori();
    const submission = await client.submit({ kind: 'complaint', message: 'The jar arrived cracked.' });
    expect(submission.sendState).toBe('queued');
    const accepted = await until(client, submission.clientId, (s) => s.sendState === 'accepted');
    expect(accepted).toMatchObject({ trackingNumber: expect.stringMatching(/^SR-/), publicStatus: 'received', kind: 'complaint' });
    expect(accepted.id).toBe(fake.stored.get(submission.clientId)?.id);
    expect(fake.stored.get(submission.clientId)?.input.message).toBe('The jar arrived cracked.');
  });

  it('finds a submission by its client id, not by the server id', async () => {
    const client = sori();
    const submission = await client.submit({ kind: 'praise', message: 'Lovely' });
    const accepted = await until(client, submission.clientId, (s) => s.sendState === 'accepted');
    expect(accepted.id).toBeDefined();
    expect(await client.submission(accepted.id ?? '')).toBeUndefined();
    expect((await client.submissions()).map((s) => s.clientId)).toEqual([submission.clientId]);
  });

  it('names the problem in bad input', async () => {
    const client = sori();
    await expect(client.submit({ kind: 'rant' as 'praise', message: 'x' })).rejects.toThrow(/"kind" must be one of/);
    await expect(client.submit({ kind: 'praise', message: '   ' })).rejects.toThrow(/"message" is empty/);
    const error = await client.submit({ kind: 'praise', message: 'x'.repeat(5001) }).catch((e: unknown) => e);
    expect(isSoriError(error) && error.code).toBe('invalid_input');
    await expect(client.sendMessage('no-such-id', '')).rejects.toThrow(/"text" is empty/);
    await expect(client.sendMessage('no-such-id', 'Hello')).rejects.toThrow(/No submission no-such-id in this browser/);
    expect(() => createSori({ site: '', endpoint: ENDPOINT })).toThrow(/`site` is required/);
  });

  it('says what to do when the endpoint is missing', () => {
    expect(() => sori({ endpoint: '' })).toThrow(/`endpoint` is required/);
  });

  it('sends identify() and setContext() data with the next submission', async () => {
    const client = sori();
    client.identify({ email: 'mina@example.com', customerId: 'c-42' });
    client.setContext({ cart: 3 });
    const submission = await client.submit({ kind: 'inquiry', message: 'Do you ship abroad?', context: { page: 'faq' } });
    await until(client, submission.clientId, (s) => s.sendState === 'accepted');
    expect(fake.stored.get(submission.clientId)?.input).toMatchObject({
      contact: { email: 'mina@example.com' },
      context: { customerId: 'c-42', cart: 3, page: 'faq' },
    });
  });
});

describe('sendMessage', () => {
  it("sends the shopper's message once the submission is accepted, and shows it in the thread", async () => {
    const client = sori();
    const submission = await client.submit({ kind: 'inquiry', message: 'Which size?' });
    const queued = await client.sendMessage(submission.clientId, 'The 1.5 L one');
    expect(queued.outgoing).toMatchObject([{ text: 'The 1.5 L one', sendState: 'queued' }]);
    const done = await until(client, submission.clientId, (s) => s.outgoing.length === 0 && s.timeline.some((e) => e.type === 'message'));
    expect(done.timeline.find((e) => e.type === 'message')?.text).toBe('The 1.5 L one');
  });
});

describe('rate', () => {
  it('refuses to rate a submission the server does not have yet, saying why', async () => {
    fake.failures.push(...Array.from({ length: 50 }, () => ({ status: 503 })));
    const client = sori({ maxRetryDelayMs: 60_000 });
    const submission = await client.submit({ kind: 'complaint', message: 'Still waiting' });
    const error = await client.rate(submission.clientId, { score: 4, wouldBuyAgain: true }).catch((e: unknown) => e);
    expect(isSoriError(error) && error.code).toBe('not_ready');
    expect(String(error)).toMatch(/Only a resolved submission can be rated/);
  });

  it("records the shopper's rating on a resolved submission", async () => {
    const ratings: Rating[] = [];
    fake.server.use(
      http.post(`${ENDPOINT}/v1/submissions/:id/rating`, async ({ request }) => {
        const rating = (await request.json()) as Rating;
        ratings.push(rating);
        const clientId = [...fake.stored].find(([, s]) => request.url.includes(`/${s.id}/`))?.[0] ?? '';
        return HttpResponse.json({ submission: reporterSubmission(fake, clientId, { status: 'resolved', publicStatus: 'resolved', rating }), reopened: false });
      }),
    );
    const client = sori();
    const submission = await client.submit({ kind: 'complaint', message: 'Broken handle' });
    await until(client, submission.clientId, (s) => s.sendState === 'accepted');
    const rated = await client.rate(submission.clientId, { score: 5, wouldBuyAgain: true, comment: 'Quick fix' });
    expect(rated).toMatchObject({ publicStatus: 'resolved', rating: { score: 5, wouldBuyAgain: true, comment: 'Quick fix' } });
    expect(ratings).toEqual([{ score: 5, wouldBuyAgain: true, comment: 'Quick fix' }]);
    expect((await client.submission(submission.clientId))?.rating?.score).toBe(5);
  });
});

describe('config', () => {
  it("answers the site's settings, asked for once with the site key", async () => {
    const config: SiteConfig = { name: 'Jar & Co', kinds: ['inquiry', 'complaint'], products: ['Jar 1 L'], slaMinutes: { complaint: 60 } };
    const asked: string[] = [];
    fake.server.use(
      http.get(`${ENDPOINT}/v1/site`, ({ request }) => {
        asked.push(request.headers.get('x-sori-site') ?? '');
        return HttpResponse.json(config);
      }),
    );
    const client = sori();
    expect(await client.config()).toEqual(config);
    expect(await client.config()).toEqual(config);
    expect(asked).toEqual([SITE]);
  });
});

describe("the shopper's own data", () => {
  it("downloads what the server keeps, and deletes it there and in this browser, what never left it included", async () => {
    const erasures: Array<{ reporter: string | null; body: unknown }> = [];
    fake.server.use(
      http.get(`${ENDPOINT}/v1/reporter/data`, ({ request }) =>
        HttpResponse.json({ exportedAt: new Date().toISOString(), reporters: [{ id: request.headers.get('x-sori-reporter') ?? '', createdAt: new Date().toISOString() }], submissions: [] }),
      ),
      http.post(`${ENDPOINT}/v1/reporter/erasure`, async ({ request }) => {
        erasures.push({ reporter: request.headers.get('x-sori-reporter'), body: await request.json() });
        return HttpResponse.json({ reporters: 1, submissions: 1, cancelledNotifications: 0 });
      }),
    );
    const client = sori();
    const sent = await client.submit({ kind: 'complaint', message: 'Sent, then erased' });
    await until(client, sent.clientId, (s) => s.sendState === 'accepted');
    const reporter = fake.posts.at(-1)?.reporter;
    expect((await client.exportData()).reporters).toEqual([{ id: reporter, createdAt: expect.any(String) }]);
    // One more, which the server keeps refusing for now: it waits in this browser only.
    fake.failures.push(...Array.from({ length: 20 }, () => ({ status: 503 })));
    const waiting = await client.submit({ kind: 'inquiry', message: 'Never sent' });
    expect((await client.submission(waiting.clientId))?.sendState).not.toBe('accepted');

    await client.eraseData();
    expect(erasures).toEqual([{ reporter, body: { confirm: true } }]);
    expect(await client.submissions()).toEqual([]);
    expect(client.syncState().pending).toBe(0);
  });
});
