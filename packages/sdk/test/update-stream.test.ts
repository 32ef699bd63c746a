import 'fake-indexeddb/auto';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PublicEvent, ReporterItem } from '@sori/protocol';
import { ENDPOINT, fakeServer } from './fake-server.js';
import { eventually, opened, publicEvent, reporterItem, sori, until } from './helpers.js';

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

const fake = fakeServer();
/** What `GET /v1/reporter/items` answers, by client id. */
const serverView = new Map<string, ReporterItem>();
const itemQueries: string[] = [];
let tickets = 0;
beforeAll(() => fake.server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => fake.server.close());
afterEach(() => {
  for (const client of opened.splice(0)) client.destroy();
  fake.server.resetHandlers();
  vi.unstubAllGlobals();
  FakeEventSource.opened = [];
  serverView.clear();
  itemQueries.length = 0;
});

function serveReporterSide(): void {
  fake.server.use(
    http.post(`${ENDPOINT}/v1/reporter/stream-tickets`, () => HttpResponse.json({ ticket: `t${++tickets}`, expiresAt: new Date(Date.now() + 60_000).toISOString() })),
    http.get(`${ENDPOINT}/v1/reporter/items`, ({ request }) => {
      itemQueries.push(new URL(request.url).searchParams.get('since') ?? '');
      return HttpResponse.json({ items: [...serverView.values()], cursor: 0 });
    }),
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
    expect(client.status().live).toBe('sse');

    source.send(publicEvent(fake, item.id, { id: 7, type: 'reply', publicStatus: 'answered', message: 'A new lid is on its way.' }));
    const answered = await until(client, item.id, (i) => i.publicStatus === 'answered');
    expect(answered).toMatchObject({ unread: 1, timeline: [{ id: 7, message: 'A new lid is on its way.' }] });
    expect(updates.map((e) => e.id)).toEqual([7]);
  });

  it('gets a new ticket when the stream closes, resumes from the last event and re-reads what changed', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    serveReporterSide();
    const client = sori();
    const item = await client.submit({ kind: 'inquiry', message: 'Gift wrap?' });
    await until(client, item.id, (i) => i.delivery === 'accepted');
    await eventually(() => FakeEventSource.opened.length === 1);
    FakeEventSource.opened[0]!.connect();
    FakeEventSource.opened[0]!.send(publicEvent(fake, item.id, { id: 3 }));
    await until(client, item.id, (i) => i.publicStatus === 'in_review');

    // While the stream is down, staff resolve the item.
    serverView.set(item.id, reporterItem(fake, item.id, { status: 'resolved', publicStatus: 'resolved', resolvedAt: new Date().toISOString() }));
    FakeEventSource.opened[0]!.expire();
    expect(client.status().live).toBe('off');
    await eventually(() => FakeEventSource.opened.length === 2);
    const again = FakeEventSource.opened[1]!;
    expect(again.url).toMatch(/ticket=t\d+&lastEventId=3$/);
    expect(again.url).not.toBe(FakeEventSource.opened[0]!.url);
    again.connect();
    const resolved = await until(client, item.id, (i) => i.publicStatus === 'resolved');
    expect(resolved.resolvedAt).toBeDefined();
    expect(itemQueries.at(-1)).toBe('3');
  });

  it('brings items up to date on the next page load even with live updates off', async () => {
    serveReporterSide();
    const dbName = `db-${crypto.randomUUID()}`;
    const first = sori({ dbName, live: false });
    const item = await first.submit({ kind: 'complaint', message: 'Wrong size' });
    await until(first, item.id, (i) => i.delivery === 'accepted');
    first.destroy();

    serverView.set(item.id, reporterItem(fake, item.id, { status: 'in_progress', publicStatus: 'in_review' }));
    const second = sori({ dbName, live: false });
    await until(second, item.id, (i) => i.publicStatus === 'in_review');
    expect(second.status().live).toBe('off');
  });
});
