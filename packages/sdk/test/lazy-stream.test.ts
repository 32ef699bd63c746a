import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { countedSyncChunk, eventually, freshName, page, serveFake, until } from './helpers.js';

const fake = serveFake();
const { chunk, newPage, freshSori } = countedSyncChunk();

describe('lazy event stream', () => {
  it("is not loaded on a first-time shopper's page, and listens once a submission is accepted", async () => {
    const browser = page(false);
    const client = await freshSori();
    await client.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(chunk.loads).toBe(0);

    // The sender and the stream share one chunk: storing the first submission brings both.
    const submission = await client.submit({ kind: 'inquiry', message: 'First visit' });
    await eventually(() => chunk.loads === 1);
    browser.navigator.onLine = true;
    browser.window.dispatchEvent(new Event('online'));
    await until(client, submission.clientId, (s) => s.sendState === 'accepted');
    expect(chunk.loads).toBe(1);
    // Loaded means listening: a staff reply arrives by polling.
    fake.reply(submission.clientId, 'Welcome!');
    await until(client, submission.clientId, (s) => s.publicStatus === 'answered');
  });

  it('loads again on the next trigger after a failed load, instead of keeping the failure', async () => {
    const dbName = freshName();
    const browser = page(true);
    const first = await freshSori({ dbName });
    const submission = await first.submit({ kind: 'complaint', message: 'Flaky train Wi-Fi' });
    await until(first, submission.clientId, (s) => s.sendState === 'accepted');
    first.destroy();

    // The next page has an accepted submission and nothing to send: it wants the stream alone,
    // and its first load fails.
    newPage();
    chunk.failing = 1;
    const second = await freshSori({ dbName });
    await eventually(() => chunk.loads === 1);
    fake.reply(submission.clientId, 'We are on it.');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await second.submission(submission.clientId))?.publicStatus).toBe('received');

    browser.window.dispatchEvent(new Event('online'));
    await until(second, submission.clientId, (s) => s.publicStatus === 'answered');
    expect(chunk.loads).toBe(2);
  });

  it('catches up once the code loads when live events are off, after a failed load', async () => {
    const dbName = freshName();
    const browser = page(true);
    const first = await freshSori({ dbName, live: false });
    const submission = await first.submit({ kind: 'complaint', message: 'Wrong colour' });
    await until(first, submission.clientId, (s) => s.sendState === 'accepted');
    first.destroy();

    newPage();
    chunk.failing = 1;
    fake.reply(submission.clientId, 'Swapping it today.');
    const second = await freshSori({ dbName, live: false });
    await eventually(() => chunk.loads === 1);
    // Let the failed load settle, so the trigger below comes after it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    browser.document.visibilityState = 'visible';
    browser.document.dispatchEvent(new Event('visibilitychange'));
    await until(second, submission.clientId, (s) => s.publicStatus === 'answered');
  });
});
