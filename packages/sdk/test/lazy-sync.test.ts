import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { countedSyncChunk, eventually, freshName, page, serveFake, until } from './helpers.js';

const fake = serveFake();
const { chunk, newPage, freshSori } = countedSyncChunk();

describe('lazy sender', () => {
  it('is not loaded while nothing waits, and is once a submission is stored', async () => {
    page(true);
    const client = await freshSori();
    await client.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(chunk.loads).toBe(0);

    const submission = await client.submit({ kind: 'inquiry', message: 'Does it fit?' });
    await until(client, submission.clientId, (s) => s.sendState === 'accepted');
    expect(chunk.loads).toBe(1);
    expect(fake.stored.size).toBe(1);
  });

  it('loads again after a failed load, online by a retry and offline on the next trigger, and sends once', async () => {
    const browser = page(true);
    chunk.failing = 1;
    const client = await freshSori();
    const submission = await client.submit({ kind: 'complaint', message: 'The chunk failed once' });
    // Online: the failed load is tried again after a backoff, with no trigger needed.
    await until(client, submission.clientId, (s) => s.sendState === 'accepted');
    expect(chunk.loads).toBe(2);

    newPage();
    chunk.failing = 1;
    browser.navigator.onLine = false;
    const offline = await freshSori();
    const second = await offline.submit({ kind: 'complaint', message: 'Written in a lift' });
    await eventually(() => chunk.loads === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(chunk.loads).toBe(1);
    browser.navigator.onLine = true;
    browser.window.dispatchEvent(new Event('online'));
    await until(offline, second.clientId, (s) => s.sendState === 'accepted');
    expect([...fake.stored.values()].filter((s) => s.input.message === "Written in a lift")).toHaveLength(1);
  });
});
