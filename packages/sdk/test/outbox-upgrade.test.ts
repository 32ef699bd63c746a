import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { SubmissionInput } from '@sori/protocol';
import { eventually, freshName, onDisk, serveFake, sori, until } from './helpers.js';

const fake = serveFake();

const SECRET = 'ab'.repeat(32);
const CLIENT_ID = '0b8e3c1a-5f2d-4e6b-9a7c-1d2e3f4a5b6c';

/** A version-1 outbox as the SDK before the renames wrote it, with the bare IndexedDB API. */
async function writeVersion1(dbName: string, items: unknown[], meta: Record<string, unknown>): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(dbName, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('items', { keyPath: 'id' });
      request.result.createObjectStore('meta');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(['items', 'meta'], 'readwrite');
    for (const item of items) tx.objectStore('items').put(item);
    for (const [key, value] of Object.entries(meta)) tx.objectStore('meta').put(value, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

// Written an hour ago: well within the days a submission may wait to be sent.
const createdAt = new Date(Date.now() - 3_600_000).toISOString();
const wire: SubmissionInput = { clientId: CLIENT_ID, kind: 'complaint', message: 'The lid was cracked', createdAt };

/** An accepted item in version 1's words: a staff reply in its timeline and a shopper message on its way. */
const legacyItem = {
  id: CLIENT_ID,
  kind: 'complaint',
  message: 'The lid was cracked',
  createdAt: wire.createdAt,
  delivery: 'accepted',
  serverId: 'srv-1',
  trackingNumber: 'SR-OLD-0001',
  status: 'received',
  publicStatus: 'answered',
  nextRetryAt: createdAt,
  timeline: [
    { id: 7, type: 'reply', submissionId: 'srv-1', clientId: CLIENT_ID, at: createdAt, author: 'staff', status: 'received', publicStatus: 'answered', message: 'A new lid is on its way.' },
  ],
  outgoing: [{ clientId: '5c4d3e2f-1a0b-4c9d-8e7f-6a5b4c3d2e1f', message: 'Thank you!', createdAt, delivery: 'queued' }],
  wire,
  lastRead: 0,
};

describe('outbox upgrade', () => {
  it('moves a version-1 outbox into today’s shape in place, keeping the reporter secret and the event cursor', async () => {
    const dbName = freshName();
    await writeVersion1(dbName, [legacyItem], { reporter: SECRET, cursor: 7, probe: 1 });
    // The server has the submission from the earlier page, under the same reporter.
    fake.stored.set(CLIENT_ID, { id: 'srv-1', input: wire, trackingNumber: 'SR-OLD-0001', reporter: SECRET });

    const client = sori({ dbName, live: false });
    const [submission] = await client.submissions();
    expect(submission).toMatchObject({
      clientId: CLIENT_ID,
      id: 'srv-1',
      sendState: 'accepted',
      trackingNumber: 'SR-OLD-0001',
      timeline: [{ id: 7, text: 'A new lid is on its way.' }],
      unread: 1,
    });
    expect(submission?.timeline[0]).not.toHaveProperty('message');
    expect(submission).not.toHaveProperty('serverId');
    expect(submission).not.toHaveProperty('delivery');
    expect(submission?.outgoing).toEqual([{ clientId: legacyItem.outgoing[0]?.clientId, text: 'Thank you!', createdAt, sendState: 'queued' }]);

    // The waiting message goes out under the old reporter secret, and the catch-up asks after the old cursor.
    const sent = await until(client, CLIENT_ID, (s) => s.outgoing.length === 0);
    expect(sent.timeline.map((e) => e.text)).toEqual(expect.arrayContaining(['A new lid is on its way.', 'Thank you!']));
    // The catch-up follows the send (see `triggers.ts`).
    await eventually(() => fake.urls.includes('https://sori.test/v1/reporter/events?after=7'));

    const disk = await onDisk(dbName, async (db) => ({
      version: db.version,
      stores: [...db.objectStoreNames],
      reporter: await db.get('meta', 'reporter'),
      cursor: await db.get('meta', 'cursor'),
    }));
    expect(disk).toEqual({ version: 2, stores: ['meta', 'submissions'], reporter: SECRET, cursor: expect.any(Number) });
    expect(disk.cursor).toBeGreaterThanOrEqual(7);
  });

  it('sends a version-1 submission that was still queued, once', async () => {
    const dbName = freshName();
    const { serverId: _id, trackingNumber: _number, status: _status, publicStatus: _public, ...unsent } = legacyItem;
    await writeVersion1(dbName, [{ ...unsent, delivery: 'queued', timeline: [], outgoing: [] }], { reporter: SECRET, cursor: 0 });
    const client = sori({ dbName });
    const accepted = await until(client, CLIENT_ID, (s) => s.sendState === 'accepted');
    expect(accepted.trackingNumber).toBe(fake.stored.get(CLIENT_ID)?.trackingNumber);
    expect(fake.stored.get(CLIENT_ID)?.reporter).toBe(SECRET);
  });
});
