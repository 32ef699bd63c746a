import { randomUUID } from 'node:crypto';
import { openDB, type IDBPDatabase } from 'idb';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import type { PublicEvent, ReporterSubmission } from '@sori/protocol';
import { createSori, type Sori, type SoriOptions, type Submission } from '../src/index.js';
import { ENDPOINT, fakeServer, SITE, type FakeServer } from './fake-server.js';

/** Clients a test opened, to destroy after it. */
export const opened: Sori[] = [];

/**
 * The fake server for a test file: listening for its tests, and after each test the clients it
 * opened destroyed, its handlers, stubbed globals, spies and queued failures reset.
 */
export function serveFake(): FakeServer {
  const fake = fakeServer();
  beforeAll(() => fake.server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => fake.server.close());
  afterEach(() => {
    for (const client of opened.splice(0)) client.destroy();
    fake.server.resetHandlers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    vi.useRealTimers();
    fake.failures.length = 0;
  });
  return fake;
}

/** A fresh database name, for tests that open it more than once. */
export const freshName = (): string => `db-${randomUUID()}`;

/** A client on its own fresh database (unless `dbName` is given), with short timers. */
export function sori(extra: Partial<SoriOptions> = {}): Sori {
  const client = createSori({ site: SITE, endpoint: ENDPOINT, dbName: freshName(), pollIntervalMs: 30, maxRetryDelayMs: 50, ...extra });
  opened.push(client);
  return client;
}

/** Waits until a submission reaches a state, and answers it. */
export async function until(client: Sori, clientId: string, check: (submission: Submission) => boolean, tries = 300): Promise<Submission> {
  for (let i = 0; i < tries; i++) {
    const submission = await client.submission(clientId);
    if (submission && check(submission)) return submission;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`submission ${clientId} never got there: ${JSON.stringify(await client.submission(clientId))}`);
}

/** Waits until `check` holds. */
export async function eventually(check: () => boolean, tries = 300): Promise<void> {
  for (let i = 0; i < tries && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error('never happened');
}

/** The server's view of a stored submission, as the rating answer carries it. */
export function reporterSubmission(fake: FakeServer, clientId: string, changes: Partial<ReporterSubmission> = {}): ReporterSubmission {
  const s = fake.stored.get(clientId);
  if (!s) throw new Error(`no stored submission ${clientId}`);
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

/** A public event for a stored submission. */
export function publicEvent(fake: FakeServer, clientId: string, event: Partial<PublicEvent> & Pick<PublicEvent, 'id'>): PublicEvent {
  const s = fake.stored.get(clientId);
  if (!s) throw new Error(`no stored submission ${clientId}`);
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

/**
 * The outbox database as it is on disk, opened beside the SDK (as another tab or the devtools
 * would), with no schema of ours: what a test reads here is what is stored. Closed after `read`.
 */
export async function onDisk<T>(dbName: string, read: (db: IDBPDatabase) => Promise<T>): Promise<T> {
  const db = await openDB(dbName);
  try {
    return await read(db);
  } finally {
    db.close();
  }
}

/**
 * The sync chunk (sender and event stream) behind a stand-in for the network that counts its
 * loads and fails the first `chunk.failing` of them (as offline), for a test file's tests. Each
 * `newPage()` starts a fresh module graph, like a page that has loaded nothing yet, and
 * `freshSori()` makes a client from it, so that what it loads is counted from nothing.
 */
export function countedSyncChunk() {
  const chunk = { loads: 0, failing: 0 };
  function newPage(): void {
    vi.resetModules();
    chunk.loads = 0;
    vi.doMock('../src/sync-chunk.js', async (importOriginal: () => Promise<object>) => {
      chunk.loads++;
      if (chunk.failing > 0) {
        chunk.failing--;
        throw new TypeError('Failed to fetch dynamically imported module');
      }
      return importOriginal();
    });
  }
  beforeEach(() => {
    chunk.failing = 0;
    newPage();
  });
  afterEach(() => {
    vi.doUnmock('../src/sync-chunk.js');
  });
  async function freshSori(extra: Partial<SoriOptions> = {}): Promise<Sori> {
    const { createSori: create } = await import('../src/index.js');
    const client = create({ site: SITE, endpoint: ENDPOINT, dbName: freshName(), pollIntervalMs: 30, maxRetryDelayMs: 50, ...extra });
    opened.push(client);
    return client;
  }
  return { chunk, newPage, freshSori };
}
