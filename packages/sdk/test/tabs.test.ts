import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { Item } from '../src/index.js';
import { eventually, serveFake, sori, until, webLocks } from './helpers.js';

const fake = serveFake();

/** How often each client id was sent to the server, over all submission requests so far. */
function sendCounts(ids: string[]): number[] {
  const sent = fake.posts.flatMap((p) => p.body.items.map((i) => i.clientId));
  return ids.map((id) => sent.filter((s) => s === id).length);
}

describe('two instances on one outbox (two tabs)', () => {
  it('send each item once between them, one sender at a time', async () => {
    vi.stubGlobal('navigator', { onLine: true, locks: webLocks() });
    const dbName = `db-${crypto.randomUUID()}`;
    const a = sori({ dbName });
    const b = sori({ dbName });
    const release = fake.holdAnswers();
    const items: Item[] = [];
    for (let i = 0; i < 20; i++) items.push(await (i % 2 ? a : b).submit({ kind: 'suggestion', message: `Tab idea ${i}` }));
    const both = Promise.all([a.flush(), b.flush(), a.flush(), b.flush()]);
    release();
    await both;
    for (const item of items) await until(a, item.id, (i) => i.delivery === 'accepted');
    expect(sendCounts(items.map((i) => i.id))).toEqual(items.map(() => 1));
  });

  it("show each other's progress: an item sent from one tab turns accepted in the other", async () => {
    vi.stubGlobal('navigator', { onLine: true, locks: webLocks() });
    const dbName = `db-${crypto.randomUUID()}`;
    const a = sori({ dbName });
    const b = sori({ dbName });
    const seen: Item[] = [];
    b.on('item', (item) => seen.push(item));
    const item = await a.submit({ kind: 'praise', message: 'Seen from the other tab' });
    await eventually(() => seen.some((i) => i.id === item.id && i.delivery === 'accepted'));
    expect(seen.filter((i) => i.id === item.id).map((i) => i.delivery)).toEqual(expect.arrayContaining(['queued', 'accepted']));
  });

  it('lose nothing when the page reloads while a send is in flight, and store it once', async () => {
    vi.stubGlobal('navigator', { onLine: true, locks: webLocks() });
    const dbName = `db-${crypto.randomUUID()}`;
    const release = fake.holdAnswers();
    const before = sori({ dbName });
    const item = await before.submit({ kind: 'complaint', message: 'Sent just before a reload' });
    await eventually(() => sendCounts([item.id])[0] === 1);
    // The page goes away mid-send: its request is out, the item stays "sending" in the outbox, and
    // its lock goes with it (a fresh Web Locks stands for the next page).
    before.destroy();
    vi.stubGlobal('navigator', { onLine: true, locks: webLocks() });
    const after = sori({ dbName });
    await eventually(() => sendCounts([item.id])[0] === 2);
    release();
    const accepted = await until(after, item.id, (i) => i.delivery === 'accepted');
    expect(accepted.trackingNumber).toBe(fake.stored.get(item.id)?.trackingNumber);
    expect([...fake.stored.values()].filter((s) => s.input.clientId === item.id)).toHaveLength(1);
  });
});
