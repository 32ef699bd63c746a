import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { eventually, freshName, page, serveFake, sori, until } from './helpers.js';

const fake = serveFake();

describe('triggers', () => {
  it('waits offline without trying, and sends at once when the browser comes back online', async () => {
    const browser = page(false);
    const client = sori({ maxRetryDelayMs: 60_000 });
    expect(client.syncState().online).toBe(false);
    const submission = await client.submit({ kind: 'complaint', message: 'Sent from the train' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // No try while offline: no failures, no backoff to wait out afterwards.
    expect((await client.submission(submission.clientId))?.sendState).toBe('queued');
    expect(fake.stored.has(submission.clientId)).toBe(false);

    browser.navigator.onLine = true;
    browser.window.dispatchEvent(new Event('online'));
    await until(client, submission.clientId, (s) => s.sendState === 'accepted', 100);
    expect(client.syncState().online).toBe(true);
    expect(fake.stored.get(submission.clientId)?.input).toMatchObject({ pageUrl: 'https://shop.test/cart?step=2', locale: 'ko-KR' });
  });

  it('tries again when the shopper comes back to the tab, and tells the truth about being offline', async () => {
    const browser = page(true);
    // The server asks for a minute's pause: only a trigger can send sooner.
    fake.failures.push({ status: 429, retryAfter: 60 });
    const client = sori({ maxRetryDelayMs: 60_000 });
    const submission = await client.submit({ kind: 'inquiry', message: 'Back in a minute' });
    await until(client, submission.clientId, (s) => s.sendState === 'queued' && s.nextRetryAt !== undefined);

    browser.navigator.onLine = false;
    browser.window.dispatchEvent(new Event('offline'));
    browser.document.visibilityState = 'visible';
    browser.document.dispatchEvent(new Event('visibilitychange'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(client.syncState().online).toBe(false);
    expect((await client.submission(submission.clientId))?.sendState).toBe('queued');

    browser.navigator.onLine = true;
    browser.document.dispatchEvent(new Event('visibilitychange'));
    await until(client, submission.clientId, (s) => s.sendState === 'accepted', 100);
  });

  it('sends what a closed page left in the outbox when the next page loads', async () => {
    const dbName = freshName();
    fake.failures.push({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const first = sori({ dbName, maxRetryDelayMs: 60_000 });
    const submission = await first.submit({ kind: 'complaint', message: 'Left behind' });
    await until(first, submission.clientId, (s) => s.sendState === 'queued' && s.nextRetryAt !== undefined);
    first.destroy();
    fake.failures.length = 0;
    const second = sori({ dbName });
    await until(second, submission.clientId, (s) => s.sendState === 'accepted');
    expect(fake.stored.has(submission.clientId)).toBe(true);
  });

  it('counts what waits at start-up, also on a page that starts offline', async () => {
    const dbName = freshName();
    page(false);
    const first = sori({ dbName });
    await first.submit({ kind: 'complaint', message: 'One' });
    await first.submit({ kind: 'complaint', message: 'Two' });
    first.destroy();
    const second = sori({ dbName });
    await eventually(() => second.syncState().pending === 2);
  });
});
