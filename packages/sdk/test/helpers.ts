import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import type { PublicEvent, ReporterItem } from '@sori/protocol';
import { createSori, type Item, type Sori, type SoriOptions } from '../src/index.js';
import { ENDPOINT, fakeServer, SITE } from './fake-server.js';

/** Clients a test opened, to destroy after it. */
export const opened: Sori[] = [];

/**
 * The fake server for a test file: listening for its tests, and after each test the clients it
 * opened destroyed, its handlers, stubbed globals and queued failures reset.
 */
export function serveFake(): ReturnType<typeof fakeServer> {
  const fake = fakeServer();
  beforeAll(() => fake.server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => fake.server.close());
  afterEach(() => {
    for (const client of opened.splice(0)) client.destroy();
    fake.server.resetHandlers();
    vi.unstubAllGlobals();
    fake.failures.length = 0;
  });
  return fake;
}

/** A client on its own fresh database (unless `dbName` is given), with short timers. */
export function sori(extra: Partial<SoriOptions> = {}): Sori {
  const client = createSori({ site: SITE, endpoint: ENDPOINT, dbName: `db-${randomUUID()}`, pollIntervalMs: 30, maxRetryDelayMs: 50, ...extra });
  opened.push(client);
  return client;
}

/** Waits until an item reaches a state, and answers it. */
export async function until(client: Sori, id: string, check: (item: Item) => boolean, tries = 300): Promise<Item> {
  for (let i = 0; i < tries; i++) {
    const item = await client.item(id);
    if (item && check(item)) return item;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`item ${id} never got there: ${JSON.stringify(await client.item(id))}`);
}

/** Waits until `check` holds. */
export async function eventually(check: () => boolean, tries = 300): Promise<void> {
  for (let i = 0; i < tries && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error('never happened');
}

/** The server's view of a stored item, as `GET /v1/reporter/items` and the rating answer carry it. */
export function reporterItem(fake: ReturnType<typeof fakeServer>, clientId: string, changes: Partial<ReporterItem> = {}): ReporterItem {
  const s = fake.stored.get(clientId);
  if (!s) throw new Error(`no stored item ${clientId}`);
  const at = new Date().toISOString();
  return {
    id: s.id,
    clientId,
    trackingNumber: s.trackingNumber,
    kind: s.input.kind,
    message: s.input.message,
    contactPreference: 'widget',
    status: 'received',
    publicStatus: 'received',
    createdAt: s.input.createdAt,
    receivedAt: at,
    expectedResponseBy: at,
    timeline: [],
    ...changes,
  };
}

/** A public event for a stored item. */
export function publicEvent(fake: ReturnType<typeof fakeServer>, clientId: string, event: Partial<PublicEvent> & Pick<PublicEvent, 'id'>): PublicEvent {
  const s = fake.stored.get(clientId);
  if (!s) throw new Error(`no stored item ${clientId}`);
  return { type: 'status', submissionId: s.id, clientId, at: new Date().toISOString(), author: 'staff', status: 'in_progress', publicStatus: 'in_review', ...event };
}

/** Just enough of a browser page for the SDK's triggers; `vi.unstubAllGlobals()` takes it away. */
export function page(online: boolean) {
  const browser = { window: new EventTarget(), document: Object.assign(new EventTarget(), { visibilityState: 'hidden' }), navigator: { onLine: online, language: 'ko-KR' } };
  vi.stubGlobal('window', browser.window);
  vi.stubGlobal('document', browser.document);
  vi.stubGlobal('navigator', browser.navigator);
  vi.stubGlobal('location', { href: 'https://shop.test/cart?step=2' });
  return browser;
}

/**
 * The Web Locks API as one browser has it (Node has none): `request` runs its callback once the
 * named lock is free and holds the lock until the callback's promise settles.
 */
export function webLocks() {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request<T>(name: string, callback: (lock: { name: string }) => Promise<T>): Promise<T> {
      const run = (tails.get(name) ?? Promise.resolve()).then(() => callback({ name }));
      tails.set(name, run.catch(() => undefined));
      return run;
    },
  };
}
