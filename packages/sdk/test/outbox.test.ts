import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isSoriError, OUTBOX_LIMIT, OUTBOX_MAX_AGE_DAYS, type SoriStatus } from '../src/index.js';
import { eventually, page, serveFake, sori, until } from './helpers.js';

const fake = serveFake();
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** What the raw IndexedDB database holds under `items`. */
async function storedIds(dbName: string): Promise<string[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(dbName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    return await new Promise<string[]>((resolve, reject) => {
      const request = db.transaction('items').objectStore('items').getAllKeys();
      request.onsuccess = () => resolve(request.result.map(String));
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

describe('outbox storage', () => {
  it('keeps working in memory when IndexedDB goes over quota, and says so', async () => {
    const client = sori();
    const statuses: SoriStatus[] = [];
    client.on('status', (status) => statuses.push(status));
    const before = await client.submit({ kind: 'praise', message: 'Stored on disk' });
    await until(client, before.id, (i) => i.delivery === 'accepted');
    expect(client.status().storage).toBe('indexeddb');

    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const item = await client.submit({ kind: 'complaint', message: 'Disk is full' });
    expect(client.status().storage).toBe('memory');
    expect(statuses.some((s) => s.storage === 'memory')).toBe(true);
    const accepted = await until(client, item.id, (i) => i.delivery === 'accepted');
    expect(accepted.trackingNumber).toBe(fake.stored.get(item.id)?.trackingNumber);
    // What was on disk before is still there beside what lives in memory.
    expect((await client.items()).map((i) => i.id).sort()).toEqual([before.id, item.id].sort());
  });

  it('opens the database again when its connection goes away, and keeps items on disk', async () => {
    const dbName = `db-${crypto.randomUUID()}`;
    const client = sori({ dbName });
    const first = await client.submit({ kind: 'inquiry', message: 'Before' });
    await until(client, first.id, (i) => i.delivery === 'accepted');

    // Another tab (or the browser clearing site data) deletes the database under us.
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(dbName);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    const second = await client.submit({ kind: 'inquiry', message: 'After' });
    expect(client.status().storage).toBe('indexeddb');
    await until(client, second.id, (i) => i.delivery === 'accepted');
    expect(await storedIds(dbName)).toEqual([second.id]);
  });
});

describe('outbox cap', () => {
  it(`refuses a new item while ${OUTBOX_LIMIT} wait, saying why, and takes it once they are through`, async () => {
    const browser = page(false);
    const client = sori();
    for (let i = 0; i < OUTBOX_LIMIT; i++) await client.submit({ kind: 'suggestion', message: `Idea ${i}` });
    const error = await client.submit({ kind: 'suggestion', message: 'One too many' }).catch((e: unknown) => e);
    expect(isSoriError(error) && error.code).toBe('outbox_full');
    expect(String(error)).toMatch(new RegExp(`${OUTBOX_LIMIT} items wait to be sent`));
    // Nothing already queued was dropped to make room.
    expect((await client.items()).filter((i) => i.delivery === 'queued')).toHaveLength(OUTBOX_LIMIT);

    browser.navigator.onLine = true;
    browser.window.dispatchEvent(new Event('online'));
    await eventually(() => client.status().pending === 0 && !client.status().syncing, 500);
    await expect(client.submit({ kind: 'suggestion', message: 'Now there is room' })).resolves.toMatchObject({ delivery: 'queued' });
  });

  it(`turns an item unsent for ${OUTBOX_MAX_AGE_DAYS} days into a rejected one with the reason, kept for resending`, async () => {
    const dbName = `db-${crypto.randomUUID()}`;
    page(false);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - (OUTBOX_MAX_AGE_DAYS + 1) * 86_400_000);
    const old = sori({ dbName });
    const item = await old.submit({ kind: 'complaint', message: 'Written on a long trip' });
    old.destroy();
    vi.useRealTimers();

    page(true);
    const client = sori({ dbName });
    const expired = await until(client, item.id, (i) => i.delivery === 'rejected');
    expect(expired.error).toMatchObject({ code: 'expired', message: `Not sent in ${OUTBOX_MAX_AGE_DAYS} days` });
    expect(fake.stored.has(item.id)).toBe(false);
    const again = await client.resend(item.id);
    await until(client, again.id, (i) => i.delivery === 'accepted');
    await eventually(() => fake.stored.get(again.id)?.input.message === 'Written on a long trip');
  });
});
