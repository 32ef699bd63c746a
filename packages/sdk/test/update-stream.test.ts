import 'fake-indexeddb/auto';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_EVENT, STREAM_EVENT } from '@sori/protocol/constants';
import { SILENCE_MS } from '../src/update-stream.js';
import type { PublicEvent } from '@sori/protocol';
import { ENDPOINT } from './fake-server.js';
import { eventually, freshName, onDisk, publicEvent, serveFake, sori, until, webLocks } from './helpers.js';

/** Just enough of the browser's EventSource for the SDK; a test plays the server's side. */
class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  constructor(readonly url: string) {
    super();
    FakeEventSource.opened.push(this);
  }
  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }
  connect(): void {
    this.readyState = FakeEventSource.OPEN;
    this.dispatchEvent(new Event('open'));
  }
  send(event: PublicEvent): void {
    this.dispatchEvent(new MessageEvent(STREAM_EVENT, { data: JSON.stringify(event), lastEventId: String(event.id) }));
  }
  heartbeat(): void {
    this.dispatchEvent(new MessageEvent(HEARTBEAT_EVENT, { data: JSON.stringify({ at: new Date().toISOString() }) }));
  }
  /** The ticket ran out: the server answers 401 and the browser gives up on this stream. */
  expire(): void {
    this.readyState = FakeEventSource.CLOSED;
    this.dispatchEvent(new Event('error'));
  }
}

const fake = serveFake();
let tickets = 0;
afterEach(() => {
  FakeEventSource.opened = [];
});

function serveTickets(): void {
  fake.server.use(
    http.post(`${ENDPOINT}/v1/reporter/stream-tickets`, () => HttpResponse.json({ ticket: `t${++tickets}`, expiresAt: new Date(Date.now() + 60_000).toISOString() })),
  );
}

describe('update stream', () => {
  it('opens the events stream with a ticket and applies a staff reply from it', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    serveTickets();
    const client = sori();
    const events: PublicEvent[] = [];
    client.on('event', (event) => events.push(event));
    const submission = await client.submit({ kind: 'complaint', message: 'Lid is missing' });
    await until(client, submission.clientId, (s) => s.sendState === 'accepted');
    await eventually(() => FakeEventSource.opened.length === 1);
    const source = FakeEventSource.opened[0]!;
    expect(source.url).toMatch(new RegExp(`^${ENDPOINT}/v1/reporter/events\\?ticket=t\\d+&after=0$`));
    source.connect();

    source.send(publicEvent(fake, submission.clientId, { id: 7, type: 'reply', publicStatus: 'answered', text: 'A new lid is on its way.' }));
    const answered = await until(client, submission.clientId, (s) => s.publicStatus === 'answered');
    expect(answered).toMatchObject({ unread: 1, timeline: [{ id: 7, text: 'A new lid is on its way.' }] });
    expect(events.map((e) => e.id)).toEqual([7]);
  });

  it('gets a new ticket when the stream closes and resumes after the last event, with no gap and no repeat', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    serveTickets();
    const client = sori();
    const events: number[] = [];
    client.on('event', (event) => events.push(event.id));
    const submission = await client.submit({ kind: 'inquiry', message: 'Gift wrap?' });
    await until(client, submission.clientId, (s) => s.sendState === 'accepted');
    await eventually(() => FakeEventSource.opened.length === 1);
    FakeEventSource.opened[0]!.connect();
    const first = publicEvent(fake, submission.clientId, { id: 3 });
    FakeEventSource.opened[0]!.send(first);
    await until(client, submission.clientId, (s) => s.publicStatus === 'in_review');

    FakeEventSource.opened[0]!.expire();
    await eventually(() => FakeEventSource.opened.length === 2);
    const again = FakeEventSource.opened[1]!;
    expect(again.url).toMatch(/ticket=t\d+&after=3$/);
    expect(again.url).not.toBe(FakeEventSource.opened[0]!.url);
    again.connect();
    // A server that sends the last event again must not make it count twice.
    again.send(first);
    again.send(publicEvent(fake, submission.clientId, { id: 4, status: 'resolved', publicStatus: 'resolved' }));
    const resolved = await until(client, submission.clientId, (s) => s.publicStatus === 'resolved');
    expect(resolved.resolvedAt).toBeDefined();
    expect(resolved.timeline.map((e) => e.id)).toEqual([3, 4]);
    expect(events).toEqual([3, 4]);
  });

  it('takes a stream that went silent (two heartbeats missed, no FIN) for dead, and resumes after the last event on a new one', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    serveTickets();
    const client = sori();
    const submission = await client.submit({ kind: 'inquiry', message: 'Frozen Wi-Fi' });
    await until(client, submission.clientId, (s) => s.sendState === 'accepted');
    await eventually(() => FakeEventSource.opened.length === 1);
    const first = FakeEventSource.opened[0]!;
    // Time that the test moves on, while IndexedDB and the network go on as they do.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    try {
      first.connect();
      first.send(publicEvent(fake, submission.clientId, { id: 5 }));
      await until(client, submission.clientId, (s) => s.timeline.some((e) => e.id === 5));
      // Heartbeats keep a quiet stream alive…
      for (let i = 0; i < 3; i++) {
        vi.advanceTimersByTime(SILENCE_MS / 2);
        first.heartbeat();
      }
      expect(FakeEventSource.opened).toHaveLength(1);
      // …and their silence ends it.
      vi.advanceTimersByTime(SILENCE_MS + 1);
      expect(first.readyState).toBe(FakeEventSource.CLOSED);
      vi.advanceTimersByTime(1000);
      await eventually(() => FakeEventSource.opened.length === 2);
      expect(FakeEventSource.opened[1]!.url).toMatch(/&after=5$/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('polls the same events as JSON without EventSource: answered, unread, an event, and read once marked', async () => {
    const client = sori();
    const types: string[] = [];
    client.on('event', (event) => types.push(event.type));
    const submission = await client.submit({ kind: 'complaint', message: 'Where is my order?' });
    await until(client, submission.clientId, (s) => s.sendState === 'accepted');
    fake.reply(submission.clientId, 'It ships today.');
    const answered = await until(client, submission.clientId, (s) => s.publicStatus === 'answered');
    expect(answered.unread).toBe(1);
    expect(answered.timeline.at(-1)).toMatchObject({ type: 'reply', text: 'It ships today.' });
    expect(types).toContain('reply');
    await client.markRead(submission.clientId);
    expect((await client.submission(submission.clientId))?.unread).toBe(0);
    // No EventSource in Node: the events came by polling.
    expect(fake.urls.some((url) => url.startsWith(`${ENDPOINT}/v1/reporter/events?after=`))).toBe(true);
  });

  it('brings submissions up to date on the next page load even with live events off', async () => {
    const dbName = freshName();
    const first = sori({ dbName, live: false });
    const submission = await first.submit({ kind: 'complaint', message: 'Wrong size' });
    await until(first, submission.clientId, (s) => s.sendState === 'accepted');
    first.destroy();

    fake.reply(submission.clientId, 'We are sending the right size today.');
    const second = sori({ dbName, live: false });
    const answered = await until(second, submission.clientId, (s) => s.publicStatus === 'answered');
    expect(answered.unread).toBe(1);
    expect(FakeEventSource.opened).toHaveLength(0);
  });

  it('stores a burst of events together: each submission gets all of its events, in order, the cursor the last, in a write or two', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    serveTickets();
    const dbName = freshName();
    const client = sori({ dbName });
    const heard: number[] = [];
    client.on('event', (event) => heard.push(event.id));
    const submissions = [];
    for (const message of ['First', 'Second', 'Third']) submissions.push(await client.submit({ kind: 'inquiry', message }));
    for (const s of submissions) await until(client, s.clientId, (c) => c.sendState === 'accepted');
    await eventually(() => FakeEventSource.opened.length === 1);
    const source = FakeEventSource.opened[0]!;
    source.connect();

    let writes = 0;
    const open = IDBDatabase.prototype.transaction;
    vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      if (args[1] === 'readwrite') writes++;
      return open.apply(this, args);
    });
    // A reply and then the resolution for each, as a bulk change on the desk sends them.
    let id = 100;
    for (const s of submissions) source.send(publicEvent(fake, s.clientId, { id: id++, type: 'reply', publicStatus: 'answered', text: `Answer to ${s.message}` }));
    for (const s of submissions) source.send(publicEvent(fake, s.clientId, { id: id++, status: 'resolved', publicStatus: 'resolved' }));
    for (const s of submissions) {
      const done = await until(client, s.clientId, (c) => c.publicStatus === 'resolved');
      expect(done.timeline.filter((e) => e.id >= 100).map((e) => e.type)).toEqual(['reply', 'status']);
      expect(done.firstResponseAt).toBeDefined();
      expect(done.resolvedAt).toBeDefined();
    }
    expect(heard.filter((e) => e >= 100)).toEqual([100, 101, 102, 103, 104, 105]);
    // The first event is stored as it comes; what came meanwhile, together after it.
    expect(writes).toBeLessThanOrEqual(2);
    expect(await onDisk(dbName, (db) => db.get('meta', 'cursor'))).toBe(105);
  });

  it('holds one stream per browser: other tabs hear it over the channel and take over when its tab closes', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.stubGlobal('navigator', { onLine: true, locks: webLocks() });
    serveTickets();
    const dbName = freshName();
    const leader = sori({ dbName });
    const submission = await leader.submit({ kind: 'inquiry', message: 'Which tab listens?' });
    await until(leader, submission.clientId, (s) => s.sendState === 'accepted');
    const follower = sori({ dbName });
    const heard: number[] = [];
    follower.on('event', (event) => heard.push(event.id));
    await follower.submissions(); // the second tab has opened the outbox and listens on the channel
    await eventually(() => FakeEventSource.opened.length === 1);
    FakeEventSource.opened[0]!.connect();
    FakeEventSource.opened[0]!.send(publicEvent(fake, submission.clientId, { id: 5, type: 'reply', publicStatus: 'answered', text: 'Both tabs see this.' }));
    await until(follower, submission.clientId, (s) => s.publicStatus === 'answered');
    await eventually(() => heard.includes(5));
    // Still one stream for the two tabs.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(FakeEventSource.opened).toHaveLength(1);

    leader.destroy();
    await eventually(() => FakeEventSource.opened.length === 2);
    expect(FakeEventSource.opened[1]!.url).toMatch(/after=5$/);
    FakeEventSource.opened[1]!.send(publicEvent(fake, submission.clientId, { id: 6, status: 'resolved', publicStatus: 'resolved' }));
    await until(follower, submission.clientId, (s) => s.publicStatus === 'resolved');
  });
});
