import 'fake-indexeddb/auto';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { SiteConfig } from '@sori/protocol';
import { isSoriError } from '../src/index.js';
import { ENDPOINT, SITE } from './fake-server.js';
import { reporterItem, serveFake, sori, until } from './helpers.js';

const fake = serveFake();

describe('rate', () => {
  it('refuses to rate an item the server does not have yet, saying why', async () => {
    fake.failures.push(...Array.from({ length: 50 }, () => ({ status: 503 })));
    const client = sori({ maxRetryDelayMs: 60_000 });
    const item = await client.submit({ kind: 'complaint', message: 'Still waiting' });
    const error = await client.rate(item.id, { score: 4, wouldBuyAgain: true }).catch((e: unknown) => e);
    expect(isSoriError(error) && error.code).toBe('not_ready');
    expect(String(error)).toMatch(/Only a resolved item can be rated/);
  });

  it("records the shopper's rating on a resolved item", async () => {
    const ratings: unknown[] = [];
    fake.server.use(
      http.post(`${ENDPOINT}/v1/submissions/:id/rating`, async ({ request }) => {
        const rating = (await request.json()) as { score: number; wouldBuyAgain: boolean };
        ratings.push(rating);
        const clientId = [...fake.stored].find(([, s]) => request.url.includes(`/${s.id}/`))?.[0] ?? '';
        return HttpResponse.json({ item: reporterItem(fake, clientId, { status: 'resolved', publicStatus: 'resolved', rating }), reopened: false });
      }),
    );
    const client = sori();
    const item = await client.submit({ kind: 'complaint', message: 'Broken handle' });
    await until(client, item.id, (i) => i.delivery === 'accepted');
    const rated = await client.rate(item.id, { score: 5, wouldBuyAgain: true, comment: 'Quick fix' });
    expect(rated).toMatchObject({ publicStatus: 'resolved', rating: { score: 5, wouldBuyAgain: true, comment: 'Quick fix' } });
    expect(ratings).toEqual([{ score: 5, wouldBuyAgain: true, comment: 'Quick fix' }]);
    expect((await client.item(item.id))?.rating?.score).toBe(5);
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

describe('createSori', () => {
  it('says what to do when the endpoint is missing', () => {
    expect(() => sori({ endpoint: '' })).toThrow(/`endpoint` is required/);
  });

  it('sends identify() and setContext() data with the next submission', async () => {
    const client = sori();
    client.identify({ email: 'mina@example.com', customerId: 'c-42' });
    client.setContext({ cart: 3 });
    const item = await client.submit({ kind: 'inquiry', message: 'Do you ship abroad?', context: { page: 'faq' } });
    await until(client, item.id, (i) => i.delivery === 'accepted');
    expect(fake.stored.get(item.id)?.input).toMatchObject({
      contact: { email: 'mina@example.com' },
      context: { customerId: 'c-42', cart: 3, page: 'faq' },
    });
  });
});
