import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { SITE } from './fake-server.js';
import { freshName, page, serveFake, sori, until } from './helpers.js';

const fake = serveFake();

describe('page exit', () => {
  it('sends what waits with keepalive when the page goes away, and the next page stores nothing twice', async () => {
    const browser = page(true);
    fake.failures.push({ status: 503, retryAfter: 60 });
    const dbName = freshName();
    const client = sori({ dbName, maxRetryDelayMs: 60_000 });
    const submission = await client.submit({ kind: 'complaint', message: 'Closing the tab now' });
    await until(client, submission.clientId, (s) => s.sendState === 'queued' && s.nextRetryAt !== undefined);
    expect(fake.stored.has(submission.clientId)).toBe(false);

    browser.window.dispatchEvent(new Event('pagehide'));
    await until(client, submission.clientId, () => fake.stored.has(submission.clientId));
    // A simple request (no preflight) with the site key and reporter secret in the body.
    const beacon = fake.posts.at(-1);
    expect(beacon?.contentType).toBe('text/plain');
    expect(beacon?.body).toMatchObject({ site: SITE, reporter: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(beacon?.body.submissions.map((s) => s.clientId)).toEqual([submission.clientId]);
    client.destroy();

    const next = sori({ dbName });
    const accepted = await until(next, submission.clientId, (s) => s.sendState === 'accepted');
    expect(accepted.trackingNumber).toBe(fake.stored.get(submission.clientId)?.trackingNumber);
    expect([...fake.stored.values()].filter((s) => s.input.clientId === submission.clientId)).toHaveLength(1);
  });

  it('keeps the last-chance send under the 64 KB keepalive limit', async () => {
    const browser = page(false);
    const client = sori();
    for (let i = 0; i < 12; i++) await client.submit({ kind: 'suggestion', message: `${i} ${'한글'.repeat(2400)}` });
    browser.window.dispatchEvent(new Event('pagehide'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const beacon = fake.posts.at(-1);
    const bytes = new TextEncoder().encode(JSON.stringify(beacon?.body)).length;
    expect(bytes).toBeLessThan(64 * 1024);
    expect(beacon?.body.submissions.length).toBeGreaterThan(0);
    expect(beacon?.body.submissions.length).toBeLessThan(12);
  });
});
