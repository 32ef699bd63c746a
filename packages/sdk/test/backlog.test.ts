import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { LIMITS } from '@sori/protocol/constants';
import type { Submission } from '../src/index.js';
import { eventually, freshName, onDisk, page, serveFake, sori, until } from './helpers.js';

const fake = serveFake();

/** Counts the read-write IndexedDB transactions opened from now on (every write is one). */
function countWrites(): { readonly count: number } {
  const counted = { count: 0 };
  const open = IDBDatabase.prototype.transaction;
  vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    if (args[1] === 'readwrite') counted.count++;
    return open.apply(this, args);
  });
  return counted;
}

/** `n` submissions written while offline, and a way back online. */
async function backlog(n: number, dbName = freshName()) {
  const browser = page(false);
  const client = sori({ dbName, live: false });
  const written: Submission[] = [];
  for (let i = 0; i < n; i++) written.push(await client.submit({ kind: 'suggestion', message: `Idea ${i}` }));
  const reconnect = () => {
    browser.navigator.onLine = true;
    browser.window.dispatchEvent(new Event('online'));
  };
  return { client, written, reconnect };
}

/** How many submissions the server was sent in answered requests, in all the file's tests. */
const sent = () => fake.posts.reduce((n, post) => n + post.body.submissions.length, 0);

describe('sending a backlog', () => {
  it(`marks a backlog sending in one transaction and records each answer in one, not a write per submission`, async () => {
    const { client, written, reconnect } = await backlog(2 * LIMITS.batchSize + 20);
    const before = sent();
    const writes = countWrites();
    reconnect();
    for (const s of written) await until(client, s.clientId, (c) => c.sendState === 'accepted');
    expect(written.every((s) => fake.stored.has(s.clientId))).toBe(true);
    expect(sent() - before).toBe(written.length);
    // One to mark all of it sending, at most one per batch answered (answers that come together are stored together).
    expect(writes.count).toBeGreaterThan(0);
    expect(writes.count).toBeLessThanOrEqual(1 + 3);
    expect(client.syncState().pending).toBe(0);
  });

  it('after a failed batch starts no more, leaves what was not answered queued, and sends only that on the next try', async () => {
    const { client, written, reconnect } = await backlog(4 * LIMITS.batchSize);
    // The first request fails; those already on their way get their answers.
    fake.failures.push({ status: 503 });
    const before = sent();
    reconnect();
    for (const s of written) await until(client, s.clientId, (c) => c.sendState === 'accepted');
    expect(written.every((s) => fake.stored.has(s.clientId))).toBe(true);
    // Every submission went out in one answered request: none answered was sent again.
    expect(sent() - before).toBe(written.length);
  });

  it('keeps the outbox whole when IndexedDB refuses a write half-way through a batch, and goes on in memory', async () => {
    const dbName = freshName();
    const { client, written, reconnect } = await backlog(3, dbName);
    const put = IDBObjectStore.prototype.put;
    let puts = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (++puts === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    reconnect();
    for (const s of written) await until(client, s.clientId, (c) => c.sendState === 'accepted');
    expect(client.syncState().storage).toBe('memory');
    // The transaction that failed at its second write stored nothing: no submission is half-way on disk.
    const onDiskStates = await onDisk(dbName, async (db) => (await db.getAll('submissions')).map((s: Submission) => s.sendState));
    expect(onDiskStates).toEqual(['queued', 'queued', 'queued']);
    await eventually(() => client.syncState().pending === 0);
  });
});
