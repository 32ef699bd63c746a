import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeServer } from './fake-server.js';
import { opened, sori, until } from './helpers.js';

const fake = fakeServer();
beforeAll(() => fake.server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => fake.server.close());
afterEach(() => {
  for (const client of opened.splice(0)) client.destroy();
  vi.unstubAllGlobals();
  fake.failures.length = 0;
});

/** Just enough of a browser page for the SDK's triggers. */
function page(online: boolean) {
  const browser = { window: new EventTarget(), document: Object.assign(new EventTarget(), { visibilityState: 'hidden' }), navigator: { onLine: online, language: 'ko-KR' } };
  vi.stubGlobal('window', browser.window);
  vi.stubGlobal('document', browser.document);
  vi.stubGlobal('navigator', browser.navigator);
  vi.stubGlobal('location', { href: 'https://shop.test/cart?step=2' });
  return browser;
}

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
});
