import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { SITE } from './fake-server.js';
import { page, serveFake, sori, until } from './helpers.js';

const fake = serveFake();

describe('triggers', () => {
  it('waits offline without trying, and sends at once when the browser comes back online', async () => {
    const browser = page(false);
    const client = sori({ maxRetryDelayMs: 60_000 });
    expect(client.status().online).toBe(false);
    const item = await client.submit({ kind: 'complaint', message: 'Sent from the train' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // No attempt while offline: no failures, no backoff to wait out afterwards.
    expect((await client.item(item.id))?.delivery).toBe('queued');
    expect(fake.stored.has(item.id)).toBe(false);

    browser.navigator.onLine = true;
    browser.window.dispatchEvent(new Event('online'));
    await until(client, item.id, (i) => i.delivery === 'accepted', 100);
    expect(client.status().online).toBe(true);
    expect(fake.stored.get(item.id)?.input).toMatchObject({ pageUrl: 'https://shop.test/cart?step=2', locale: 'ko-KR' });
  });

  it('tries again when the shopper comes back to the tab, and tells the truth about being offline', async () => {
    const browser = page(true);
    // The server asks for a minute's pause: only a trigger can send sooner.
    fake.failures.push({ status: 429, retryAfter: 60 });
    const client = sori({ maxRetryDelayMs: 60_000 });
    const item = await client.submit({ kind: 'inquiry', message: 'Back in a minute' });
    await until(client, item.id, (i) => i.delivery === 'queued' && i.nextRetryAt !== undefined);

    browser.navigator.onLine = false;
    browser.window.dispatchEvent(new Event('offline'));
    browser.document.visibilityState = 'visible';
    browser.document.dispatchEvent(new Event('visibilitychange'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(client.status().online).toBe(false);
    expect((await client.item(item.id))?.delivery).toBe('queued');

    browser.navigator.onLine = true;
    browser.document.dispatchEvent(new Event('visibilitychange'));
    await until(client, item.id, (i) => i.delivery === 'accepted', 100);
  });

  it('sends what waits with keepalive when the page goes away, and the next page stores nothing twice', async () => {
    const browser = page(true);
    fake.failures.push({ status: 503, retryAfter: 60 });
    const dbName = `db-${crypto.randomUUID()}`;
    const client = sori({ dbName, maxRetryDelayMs: 60_000 });
    const item = await client.submit({ kind: 'complaint', message: 'Closing the tab now' });
    await until(client, item.id, (i) => i.delivery === 'queued' && i.nextRetryAt !== undefined);
    expect(fake.stored.has(item.id)).toBe(false);

    browser.window.dispatchEvent(new Event('pagehide'));
    await until(client, item.id, () => fake.stored.has(item.id));
    // A simple request (no preflight) with the site key and reporter secret in the body.
    const beacon = fake.posts.at(-1)!;
    expect(beacon.contentType).toBe('text/plain');
    expect(beacon.body).toMatchObject({ site: SITE, reporter: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(beacon.body.items.map((i) => i.clientId)).toEqual([item.id]);
    client.destroy();

    const next = sori({ dbName });
    const delivered = await until(next, item.id, (i) => i.delivery === 'accepted');
    expect(delivered.trackingNumber).toBe(fake.stored.get(item.id)?.trackingNumber);
    expect([...fake.stored.values()].filter((s) => s.input.clientId === item.id)).toHaveLength(1);
  });

  it('keeps the last-chance send under the 64 KB keepalive limit', async () => {
    const browser = page(false);
    const client = sori();
    for (let i = 0; i < 12; i++) await client.submit({ kind: 'suggestion', message: `${i} ${'한글'.repeat(2400)}` });
    browser.window.dispatchEvent(new Event('pagehide'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const beacon = fake.posts.at(-1)!;
    const bytes = new TextEncoder().encode(JSON.stringify(beacon.body)).length;
    expect(bytes).toBeLessThan(64 * 1024);
    expect(beacon.body.items.length).toBeGreaterThan(0);
    expect(beacon.body.items.length).toBeLessThan(12);
  });
});

