import 'fake-indexeddb/auto';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PublicEvent } from '@sori/protocol';
import { ENDPOINT } from './fake-server.js';
import { eventually, publicEvent, serveFake, sori, until, webLocks } from './helpers.js';

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
    this.dispatchEvent(new MessageEvent('update', { data: JSON.stringify(event), lastEventId: String(event.id) }));
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

function serveReporterSide(): void {
  fake.server.use(
    http.post(`${ENDPOINT}/v1/reporter/stream-tickets`, () => HttpResponse.json({ ticket: `t${++tickets}`, expiresAt: new Date(Date.now() + 60_000).toISOString() })),
  );
}

describe('update stream', () => {
  it('opens an SSE stream with a ticket and applies a staff reply from it', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    serveReporterSide();
    const client = sori();
    const updates: PublicEvent[] = [];
    client.on('update', (event) => updates.push(event));
    const item = await client.submit({ kind: 'complaint', message: 'Lid is missing' });
    await until(client, item.id, (i) => i.delivery === 'accepted');
    await eventually(() => FakeEventSource.opened.length === 1);
    const source = FakeEventSource.opened[0]!;
    expect(source.url).toMatch(new RegExp(`^${ENDPOINT}/v1/reporter/updates\\?ticket=t\\d+&lastEventId=0$`));
    source.connect();

    source.send(publicEvent(fake, item.id, { id: 7, type: 'reply', publicStatus: 'answered', message: 'A new lid is on its way.' }));
    const answered = await until(client, item.id, (i) => i.publicStatus === 'answered');
    expect(answered).toMatchObject({ unread: 1, timeline: [{ id: 7, message: 'A new lid is on its way.' }] });
    expect(updates.map((e) => e.id)).toEqual([7]);
  });

  it('gets a new ticket when the stream closes and resumes from the last event, with no gap and no repeat', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    serveReporterSide();
    const client = sori();
    const updates: number[] = [];
    client.on('update', (event) => updates.push(event.id));
    const item = await client.submit({ kind: 'inquiry', message: 'Gift wrap?' });
    await until(client, item.id, (i) => i.delivery === 'accepted');
    await eventually(() => FakeEventSource.opened.length === 1);
    FakeEventSource.opened[0]!.connect();
    const first = publicEvent(fake, item.id, { id: 3 });
    FakeEventSource.opened[0]!.send(first);
    await until(client, item.id, (i) => i.publicStatus === 'in_review');

    FakeEventSource.opened[0]!.expire();
    await eventually(() => FakeEventSource.opened.length === 2);
    const again = FakeEventSource.opened[1]!;
    expect(again.url).toMatch(/ticket=t\d+&lastEventId=3$/);
    expect(again.url).not.toBe(FakeEventSource.opened[0]!.url);
    again.connect();
    // A server that sends the last event again must not make it count twice.
    again.send(first);
    again.send(publicEvent(fake, item.id, { id: 4, status: 'resolved', publicStatus: 'resolved' }));
    const resolved = await until(client, item.id, (i) => i.publicStatus === 'resolved');
    expect(resolved.resolvedAt).toBeDefined();
    expect(resolved.timeline.map((e) => e.id)).toEqual([3, 4]);
    expect(updates).toEqual([3, 4]);
  });

  it('brings items up to date on the next page load even with live updates off', async () => {
    const dbName = `db-${crypto.randomUUID()}`;
    const first = sori({ dbName, live: false });
    const item = await first.submit({ kind: 'complaint', message: 'Wrong size' });
    await until(first, item.id, (i) => i.delivery === 'accepted');
    first.destroy();

    fake.reply(item.id, 'We are sending the right size today.');
    const second = sori({ dbName, live: false });
    const answered = await until(second, item.id, (i) => i.publicStatus === 'answered');
    expect(answered.unread).toBe(1);
    expect(FakeEventSource.opened).toHaveLength(0);
  });

  it('holds one stream per browser: other tabs hear it over the channel and take over when its tab closes', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.stubGlobal('navigator', { onLine: true, locks: webLocks() });
    serveReporterSide();
    const dbName = `db-${crypto.randomUUID()}`;
    const leader = sori({ dbName });
    const item = await leader.submit({ kind: 'inquiry', message: 'Which tab listens?' });
    await until(leader, item.id, (i) => i.delivery === 'accepted');
    const follower = sori({ dbName });
    const heard: number[] = [];
    follower.on('update', (event) => heard.push(event.id));
    await follower.items(); // the second tab has opened the outbox and listens on the channel
    await eventually(() => FakeEventSource.opened.length === 1);
    FakeEventSource.opened[0]!.connect();
    FakeEventSource.opened[0]!.send(publicEvent(fake, item.id, { id: 5, type: 'reply', publicStatus: 'answered', message: 'Both tabs see this.' }));
    await until(follower, item.id, (i) => i.publicStatus === 'answered');
    await eventually(() => heard.includes(5));
    // Still one stream for the two tabs.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(FakeEventSource.opened).toHaveLength(1);

    leader.destroy();
    await eventually(() => FakeEventSource.opened.length === 2);
    expect(FakeEventSource.opened[1]!.url).toMatch(/lastEventId=5$/);
    FakeEventSource.opened[1]!.send(publicEvent(fake, item.id, { id: 6, status: 'resolved', publicStatus: 'resolved' }));
    await until(follower, item.id, (i) => i.publicStatus === 'resolved');
  });
});

