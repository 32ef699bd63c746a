import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSori, isSoriError, type Item, type Sori } from '../src/index.js';
import { ENDPOINT, fakeServer, SITE } from './fake-server.js';

const fake = fakeServer();
beforeAll(() => fake.server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => fake.server.close());

const open: Sori[] = [];
function sori(dbName = `db-${randomUUID()}`, extra: object = {}): Sori {
  const client = createSori({ site: SITE, endpoint: ENDPOINT, dbName, pollIntervalMs: 30, maxRetryDelayMs: 50, ...extra });
  open.push(client);
  return client;
}
afterEach(() => {
  for (const client of open.splice(0)) client.destroy();
  fake.failures.length = 0;
});

/** Waits for an item to reach a state. */
async function until(client: Sori, id: string, check: (item: Item) => boolean): Promise<Item> {
  for (let i = 0; i < 200; i++) {
    const item = await client.item(id);
    if (item && check(item)) return item;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`item ${id} never got there: ${JSON.stringify(await client.item(id))}`);
}

describe('createSori', () => {
  it('stores a submission before sending and shows the tracking number once accepted', async () => {
    const client = sori();
    const item = await client.submit({ kind: 'complaint', message: 'The jar arrived cracked.' });
    expect(item.delivery).toBe('queued');
    const accepted = await until(client, item.id, (i) => i.delivery === 'accepted');
    expect(accepted).toMatchObject({ trackingNumber: expect.stringMatching(/^SR-/), publicStatus: 'received', kind: 'complaint' });
    expect(fake.stored.get(item.id)?.input.message).toBe('The jar arrived cracked.');
  });

  it('re-sends after a 503 and the server stores the item once', async () => {
    fake.failures.push({ status: 503 }, { status: 503 });
    const client = sori();
    const item = await client.submit({ kind: 'inquiry', message: 'Is it dishwasher safe?' });
    await until(client, item.id, (i) => i.delivery === 'accepted');
    expect([...fake.stored.keys()].filter((id) => id === item.id)).toHaveLength(1);
  });

  it('waits as long as a 429 Retry-After says', async () => {
    fake.failures.push({ status: 429, retryAfter: 1 });
    const client = sori();
    const started = Date.now();
    const item = await client.submit({ kind: 'inquiry', message: 'Hello?' });
    await until(client, item.id, (i) => i.delivery === 'queued' && i.nextRetryAt !== undefined);
    const waiting = await client.item(item.id);
    expect(Date.parse(waiting!.nextRetryAt!) - started).toBeGreaterThanOrEqual(900);
    await until(client, item.id, (i) => i.delivery === 'accepted');
  });

  it('keeps a rejected item visible with the reason and does not retry it', async () => {
    const client = sori();
    const item = await client.submit({ kind: 'praise', message: 'REJECT me' });
    const rejected = await until(client, item.id, (i) => i.delivery === 'rejected');
    expect(rejected.error).toMatchObject({ code: 'invalid', field: 'message' });
    expect((await client.items()).map((i) => i.id)).toContain(item.id);
    const resent = await client.resend(item.id, { message: 'Lovely packaging' });
    await until(client, resent.id, (i) => i.delivery === 'accepted');
    expect((await client.items()).map((i) => i.id)).toEqual([resent.id]);
  });

  it('sends what a closed page left in the outbox when the next page loads', async () => {
    const dbName = `db-${randomUUID()}`;
    fake.failures.push({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const first = sori(dbName, { maxRetryDelayMs: 60_000 });
    const item = await first.submit({ kind: 'complaint', message: 'Left behind' });
    await until(first, item.id, (i) => i.delivery === 'queued' && i.nextRetryAt !== undefined);
    first.destroy();
    fake.failures.length = 0;
    const second = sori(dbName);
    await until(second, item.id, (i) => i.delivery === 'accepted');
    expect(fake.stored.has(item.id)).toBe(true);
  });

  it('applies a staff reply from the update feed: answered, unread, and an update event', async () => {
    const client = sori();
    const updates: string[] = [];
    client.on('update', (event) => updates.push(event.type));
    const item = await client.submit({ kind: 'complaint', message: 'Where is my order?' });
    await until(client, item.id, (i) => i.delivery === 'accepted');
    fake.reply(item.id, 'It ships today.');
    const answered = await until(client, item.id, (i) => i.publicStatus === 'answered');
    expect(answered.unread).toBe(1);
    expect(answered.timeline.at(-1)).toMatchObject({ type: 'reply', message: 'It ships today.' });
    expect(updates).toContain('reply');
    await client.markRead(item.id);
    expect((await client.item(item.id))?.unread).toBe(0);
    // No EventSource in Node: the updates came by polling.
    expect(fake.urls.some((url) => url.includes('/v1/reporter/events?after='))).toBe(true);
  });

  it("sends the shopper's reply once the item is accepted", async () => {
    const client = sori();
    const item = await client.submit({ kind: 'inquiry', message: 'Which size?' });
    await client.reply(item.id, 'The 1.5 L one');
    const done = await until(client, item.id, (i) => i.outgoing.length === 0 && i.timeline.some((e) => e.type === 'message'));
    expect(done.timeline.find((e) => e.type === 'message')?.message).toBe('The 1.5 L one');
  });

  it('names the problem in bad input', async () => {
    const client = sori();
    await expect(client.submit({ kind: 'rant' as 'praise', message: 'x' })).rejects.toThrow(/"kind" must be one of/);
    await expect(client.submit({ kind: 'praise', message: '   ' })).rejects.toThrow(/"message" is empty/);
    const error = await client.submit({ kind: 'praise', message: 'x'.repeat(5001) }).catch((e: unknown) => e);
    expect(isSoriError(error)).toBe(true);
    expect(() => createSori({ site: '', endpoint: ENDPOINT })).toThrow(/`site` is required/);
  });

  it('never puts the reporter secret in a URL', async () => {
    const client = sori();
    const item = await client.submit({ kind: 'praise', message: 'Great' });
    await until(client, item.id, (i) => i.delivery === 'accepted');
    await client.reply(item.id, 'And thanks');
    await until(client, item.id, (i) => i.outgoing.length === 0);
    const secrets = new Set<string>();
    for (const url of fake.urls) for (const match of url.matchAll(/[0-9a-f]{64}/g)) secrets.add(match[0]);
    expect([...secrets]).toEqual([]);
  });
});

describe('without IndexedDB', () => {
  it('falls back to memory and says so', async () => {
    const saved = globalThis.indexedDB;
    // @ts-expect-error -- simulate a browser that has no IndexedDB (private mode)
    delete globalThis.indexedDB;
    try {
      const client = sori();
      const item = await client.submit({ kind: 'inquiry', message: 'Private window' });
      expect(client.status().storage).toBe('memory');
      await until(client, item.id, (i) => i.delivery === 'accepted');
    } finally {
      globalThis.indexedDB = saved;
    }
  });
});
