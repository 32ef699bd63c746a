import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { Submission } from '../src/index.js';
import { eventually, freshName, serveFake, sori, until, webLocks } from './helpers.js';

const fake = serveFake();

/** How often each client id was sent to the server, over all submission requests so far. */
function sendCounts(clientIds: string[]): number[] {
  const sent = fake.posts.flatMap((p) => p.body.submissions.map((s) => s.clientId));
  return clientIds.map((id) => sent.filter((s) => s === id).length);
}

describe('two instances on one outbox (two tabs)', () => {
  it('send each submission once between them, one sender at a time', async () => {
    vi.stubGlobal('navigator', { onLine: true, locks: webLocks() });
    const dbName = freshName();
    const a = sori({ dbName });
    const b = sori({ dbName });
    const release = fake.holdAnswers();
    const submissions: Submission[] = [];
    for (let i = 0; i < 20; i++) submissions.push(await (i % 2 ? a : b).submit({ kind: 'suggestion', message: `Tab idea ${i}` }));
    const both = Promise.all([a.flush(), b.flush(), a.flush(), b.flush()]);
    release();
    await both;
    for (const submission of submissions) await until(a, submission.clientId, (s) => s.sendState === 'accepted');
    expect(sendCounts(submissions.map((s) => s.clientId))).toEqual(submissions.map(() => 1));
  });

  it("show each other's progress: a submission sent from one tab turns accepted in the other", async () => {
    vi.stubGlobal('navigator', { onLine: true, locks: webLocks() });
    const dbName = freshName();
    const a = sori({ dbName });
    const b = sori({ dbName });
    const seen: Submission[] = [];
    b.on('submission', (submission) => seen.push(submission));
    const submission = await a.submit({ kind: 'praise', message: 'Seen from the other tab' });
    await eventually(() => seen.some((s) => s.clientId === submission.clientId && s.sendState === 'accepted'));
    expect(seen.filter((s) => s.clientId === submission.clientId).map((s) => s.sendState)).toEqual(expect.arrayContaining(['queued', 'accepted']));
  });

  it('lose nothing when the page reloads while a send is in flight, and store it once', async () => {
    vi.stubGlobal('navigator', { onLine: true, locks: webLocks() });
    const dbName = freshName();
    const release = fake.holdAnswers();
    const before = sori({ dbName });
    const submission = await before.submit({ kind: 'complaint', message: 'Sent just before a reload' });
    await eventually(() => sendCounts([submission.clientId])[0] === 1);
    // The page goes away mid-send: its request is out, the submission stays "sending" in the
    // outbox, and its lock goes with it (a fresh Web Locks stands for the next page).
    before.destroy();
    vi.stubGlobal('navigator', { onLine: true, locks: webLocks() });
    const after = sori({ dbName });
    await eventually(() => sendCounts([submission.clientId])[0] === 2);
    release();
    const accepted = await until(after, submission.clientId, (s) => s.sendState === 'accepted');
    expect(accepted.trackingNumber).toBe(fake.stored.get(submission.clientId)?.trackingNumber);
    expect([...fake.stored.values()].filter((s) => s.input.clientId === submission.clientId)).toHaveLength(1);
  });
});
