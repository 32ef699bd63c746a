import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { isSoriError, OUTBOX_LIMIT, OUTBOX_MAX_AGE_DAYS, type SyncState } from '../src/index.js';
import { eventually, freshName, onDisk, page, serveFake, sori, until } from './helpers.js';

const fake = serveFake();

/** The client ids the database holds on disk. */
const storedIds = (dbName: string) => onDisk(dbName, async (db) => (await db.getAllKeys('submissions')).map(String));

describe('outbox storage', () => {
  it('keeps working in memory when IndexedDB goes over quota, and says so', async () => {
    const client = sori();
    const states: SyncState[] = [];
    client.on('sync', (state) => states.push(state));
    const before = await client.submit({ kind: 'praise', message: 'Stored on disk' });
    await until(client, before.clientId, (s) => s.sendState === 'accepted');
    expect(client.syncState().storage).toBe('indexeddb');

    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const submission = await client.submit({ kind: 'complaint', message: 'Disk is full' });
    expect(client.syncState().storage).toBe('memory');
    expect(states.some((s) => s.storage === 'memory')).toBe(true);
    const accepted = await until(client, submission.clientId, (s) => s.sendState === 'accepted');
    expect(accepted.trackingNumber).toBe(fake.stored.get(submission.clientId)?.trackingNumber);
    // What was on disk before is still there beside what lives in memory.
    expect((await client.submissions()).map((s) => s.clientId).sort()).toEqual([before.clientId, submission.clientId].sort());
  });

  it('opens the database again when its connection goes away, and keeps submissions on disk', async () => {
    const dbName = freshName();
    const client = sori({ dbName });
    const first = await client.submit({ kind: 'inquiry', message: 'Before' });
    await until(client, first.clientId, (s) => s.sendState === 'accepted');

    // Another tab (or the browser clearing site data) deletes the database under us.
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(dbName);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    const second = await client.submit({ kind: 'inquiry', message: 'After' });
    expect(client.syncState().storage).toBe('indexeddb');
    await until(client, second.clientId, (s) => s.sendState === 'accepted');
    expect(await storedIds(dbName)).toEqual([second.clientId]);
  });

  it('falls back to memory without IndexedDB (private mode), and says so', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const client = sori();
    const submission = await client.submit({ kind: 'inquiry', message: 'Private window' });
    expect(client.syncState().storage).toBe('memory');
    await until(client, submission.clientId, (s) => s.sendState === 'accepted');
  });

  it('falls back to memory when another tab blocks the upgrade, instead of waiting for ever', async () => {
    const dbName = freshName();
    // An old tab holds version 1 open and never lets go (no `versionchange` handler closes it).
    const stubborn = await openDB(dbName, 1, {
      upgrade(db) {
        db.createObjectStore('items', { keyPath: 'id' });
        db.createObjectStore('meta');
      },
    });
    try {
      const client = sori({ dbName });
      const submission = await client.submit({ kind: 'complaint', message: 'Sent while blocked' });
      expect(client.syncState().storage).toBe('memory');
      await until(client, submission.clientId, (s) => s.sendState === 'accepted');
    } finally {
      stubborn.close();
    }
  });
});

describe('outbox cap', () => {
  it(`refuses a new submission while ${OUTBOX_LIMIT} wait, saying why, and takes it once they are through`, async () => {
    const browser = page(false);
    const client = sori();
    for (let i = 0; i < OUTBOX_LIMIT; i++) await client.submit({ kind: 'suggestion', message: `Idea ${i}` });
    const error = await client.submit({ kind: 'suggestion', message: 'One too many' }).catch((e: unknown) => e);
    expect(isSoriError(error) && error.code).toBe('outbox_full');
    expect(String(error)).toMatch(new RegExp(`${OUTBOX_LIMIT} submissions and messages wait to be sent`));
    // Nothing already queued was dropped to make room.
    expect((await client.submissions()).filter((s) => s.sendState === 'queued')).toHaveLength(OUTBOX_LIMIT);

    browser.navigator.onLine = true;
    browser.window.dispatchEvent(new Event('online'));
    await eventually(() => client.syncState().pending === 0 && !client.syncState().syncing, 500);
    await expect(client.submit({ kind: 'suggestion', message: 'Now there is room' })).resolves.toMatchObject({ sendState: 'queued' });
  });

  it(`turns a submission unsent for ${OUTBOX_MAX_AGE_DAYS} days into a rejected one with the reason, kept for resending`, async () => {
    const dbName = freshName();
    page(false);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - (OUTBOX_MAX_AGE_DAYS + 1) * 86_400_000);
    const old = sori({ dbName });
    const submission = await old.submit({ kind: 'complaint', message: 'Written on a long trip' });
    old.destroy();
    vi.useRealTimers();

    page(true);
    const client = sori({ dbName });
    const expired = await until(client, submission.clientId, (s) => s.sendState === 'rejected');
    expect(expired.error).toMatchObject({ code: 'expired', message: `Not sent in ${OUTBOX_MAX_AGE_DAYS} days` });
    expect(fake.stored.has(submission.clientId)).toBe(false);
    const again = await client.resend(submission.clientId);
    await until(client, again.clientId, (s) => s.sendState === 'accepted');
    await eventually(() => fake.stored.get(again.clientId)?.input.message === 'Written on a long trip');
  });
});
