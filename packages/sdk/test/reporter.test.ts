import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { freshName, onDisk, serveFake, sori, until } from './helpers.js';

const fake = serveFake();

/** The reporter secret the database holds on disk. */
const storedSecret = (dbName: string) => onDisk(dbName, (db) => db.get('meta', 'reporter'));

/** The reporter secret the server got a submission with. */
const sentWith = (clientId: string) => fake.stored.get(clientId)?.reporter;

describe('reporter secret', () => {
  it('never makes a new secret over the stored one when reading it fails', async () => {
    const dbName = freshName();
    const first = sori({ dbName });
    const earlier = await first.submit({ kind: 'complaint', message: 'From last week' });
    await until(first, earlier.clientId, (s) => s.sendState === 'accepted');
    first.destroy();
    const secret = await storedSecret(dbName);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(sentWith(earlier.clientId)).toBe(secret);

    // The next page cannot read `meta` (a storage error), though it could write there.
    const get = IDBObjectStore.prototype.get;
    vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
      if (this.name === 'meta') throw new DOMException('The read failed.', 'UnknownError');
      return get.call(this, key);
    });
    const troubled = sori({ dbName });
    const meanwhile = await troubled.submit({ kind: 'inquiry', message: 'Sent on the troubled page' });
    // It says that this page keeps things in memory only.
    expect(troubled.syncState().storage).toBe('memory');
    await until(troubled, meanwhile.clientId, (s) => s.sendState === 'accepted');
    troubled.destroy();
    vi.restoreAllMocks();

    expect(await storedSecret(dbName)).toBe(secret);
    const later = sori({ dbName });
    const next = await later.submit({ kind: 'inquiry', message: 'A week later' });
    await until(later, next.clientId, (s) => s.sendState === 'accepted');
    expect(sentWith(next.clientId)).toBe(secret);
    expect((await later.submissions()).map((s) => s.clientId)).toContain(earlier.clientId);
  });

  it('is one secret for two tabs opened at once on a fresh browser', async () => {
    const dbName = freshName();
    const a = sori({ dbName });
    const b = sori({ dbName });
    const fromA = await a.submit({ kind: 'praise', message: 'From tab A' });
    const fromB = await b.submit({ kind: 'praise', message: 'From tab B' });
    await until(a, fromA.clientId, (s) => s.sendState === 'accepted');
    await until(b, fromB.clientId, (s) => s.sendState === 'accepted');
    const secret = await storedSecret(dbName);
    expect(sentWith(fromA.clientId)).toBe(secret);
    expect(sentWith(fromB.clientId)).toBe(secret);
  });

  it('never puts the reporter secret in a URL', async () => {
    const client = sori();
    const submission = await client.submit({ kind: 'praise', message: 'Great' });
    await until(client, submission.clientId, (s) => s.sendState === 'accepted');
    await client.sendMessage(submission.clientId, 'And thanks');
    await until(client, submission.clientId, (s) => s.outgoing.length === 0);
    const secrets = new Set<string>();
    for (const url of fake.urls) for (const match of url.matchAll(/[0-9a-f]{64}/g)) secrets.add(match[0]);
    expect([...secrets]).toEqual([]);
  });
});
