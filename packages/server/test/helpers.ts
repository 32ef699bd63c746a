import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { PATHS, type StreamTicket, type SubmissionBatchResult } from '@sori/protocol';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
import { buildApp, type AppOptions } from '../src/app.js';
import { openDatabase, type Store } from '../src/db/database.js';
import { migrate, type MigrateOptions } from '../src/db/migrate.js';
import { createSite, type Site } from '../src/services/sites.js';
import { createApiToken, createUser } from '../src/services/users.js';

/** The engines storage tests run on: SQLite always, PostgreSQL when CI gives a URL. */
export const engines: Array<'sqlite' | 'postgres'> = process.env['SORI_TEST_DATABASE_URL'] ? ['sqlite', 'postgres'] : ['sqlite'];

export const STORE_ORIGIN = 'https://shop.example';

/** A fresh, migrated database: in-memory SQLite, or a schema of its own in the test PostgreSQL. */
export async function freshStore(engine: 'sqlite' | 'postgres', migration: MigrateOptions = {}): Promise<Store> {
  if (engine === 'sqlite') {
    const store = openDatabase('sqlite::memory:');
    await migrate(store, migration);
    return store;
  }
  const base = process.env['SORI_TEST_DATABASE_URL'];
  if (!base) throw new Error('SORI_TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const store = openDatabase(url.toString());
  await migrate(store, migration);
  const close = store.close;
  store.close = async () => {
    await close();
    const cleanup = new pg.Client({ connectionString: base });
    await cleanup.connect();
    await cleanup.query(`drop schema ${schema} cascade`);
    await cleanup.end();
  };
  return store;
}

/** Everything a server test needs: the app, a site, an agent's API token and request helpers. */
export interface TestContext {
  app: FastifyInstance;
  store: Store;
  site: Site;
  /** The API token of the agent Mina. */
  token: string;
  /** The API token of an admin, Boss, made on first call. */
  adminToken(): Promise<string>;
  close(): Promise<void>;
}

/** Builds the app on a fresh database with one site and one agent. */
export async function buildTestApp(engine: 'sqlite' | 'postgres', options: AppOptions = {}): Promise<TestContext> {
  const store = await freshStore(engine);
  const app = await buildApp({ store, rateLimitPerMinute: false, ...options });
  const site = await createSite(store.db, { name: 'Test shop', origins: [STORE_ORIGIN] });
  await createUser(store.db, { email: 'agent@shop.example', role: 'agent', password: 'correct horse battery', name: 'Mina', siteIds: [site.id] });
  const { token } = await createApiToken(store.db, { userEmail: 'agent@shop.example' });
  let admin: Promise<string> | undefined;
  return {
    app,
    store,
    site,
    token,
    adminToken() {
      admin ??= createUser(store.db, { email: 'boss@shop.example', role: 'admin', password: 'boss password 1', name: 'Boss' }).then(
        async (user) => (await createApiToken(store.db, { userEmail: user.email })).token,
      );
      return admin;
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/**
 * A fresh app for each test of the suite it is called in (built before, closed after): the
 * answer is filled in anew before every test.
 */
export function useTestApp(engine: 'sqlite' | 'postgres', options: AppOptions = {}): TestContext {
  // Empty until the first `beforeEach` fills it; no test runs before that.
  const t = {} as TestContext;
  beforeEach(async () => {
    Object.assign(t, await buildTestApp(engine, options));
  });
  afterEach(() => t.close());
  return t;
}

/** A new reporter secret, as the SDK makes one. */
export function reporterSecret(): string {
  return randomBytes(32).toString('hex');
}

/** A valid submission as the widget sends it. */
export function submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    clientId: randomUUID(),
    kind: 'complaint',
    message: 'The blender arrived with a cracked jar.',
    createdAt: new Date().toISOString(),
    fillMs: 12_000,
    ...overrides,
  };
}

/** Headers of a shopper-side request from the store's page. */
export function shopperHeaders(site: Site, secret: string): Record<string, string> {
  return { origin: STORE_ORIGIN, 'x-sori-site': site.key, 'x-sori-reporter': secret };
}

/** `POST /v1/submissions` of a batch, as the reporter with `secret`. */
export function send(t: TestContext, secret: string, submissions: unknown[], headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: PATHS.submissions,
    headers: { ...shopperHeaders(t.site, secret), ...headers },
    payload: { submissions },
  });
}

/** Sends one submission and answers its server id; fails the test when it is not accepted. */
export async function submit(t: TestContext, secret = reporterSecret(), overrides: Record<string, unknown> = {}): Promise<string> {
  const [result] = ((await send(t, secret, [submission(overrides)])).json() as SubmissionBatchResult).results;
  if (result?.result !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(result)}`);
  return result.receipt.id;
}

/** A desk request with an API token (the agent's unless another is given). */
export function desk(
  t: TestContext,
  method: 'GET' | 'PATCH' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
  token = t.token,
): Promise<LightMyRequestResponse> {
  return t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
}

/** Waits until `check` answers a value, polling; fails the test after `ms`. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, ms = 8000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** One Server-Sent Event as a browser would see it. */
export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

/** Reads Server-Sent Events off a fetch response until `count` events with data (heartbeats aside) arrived, then stops reading. */
export async function readEvents(res: Response, count: number): Promise<SseEvent[]> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: SseEvent[] = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: SseEvent = {};
      for (const line of frame.split('\n')) {
        const [field, ...rest] = line.split(': ');
        if (field === 'id' || field === 'event' || field === 'data') event[field] = rest.join(': ');
      }
      if (event.data && event.event !== 'heartbeat') events.push(event);
    }
  }
  await reader.cancel();
  return events;
}

/** A stream ticket for the reporter with `secret`, from `app`. */
export async function streamTicket(app: FastifyInstance, site: Site, secret: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: PATHS.streamTickets, headers: shopperHeaders(site, secret) });
  if (res.statusCode !== 200) throw new Error(`no stream ticket: ${res.body}`);
  return (res.json() as StreamTicket).ticket;
}

/** Opens the reporter's event stream on a listening server, as `EventSource` does: a ticket in the URL, the stream asked for by `Accept`. */
export async function openEventStream(
  base: string,
  app: FastifyInstance,
  site: Site,
  secret: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const ticket = await streamTicket(app, site, secret);
  return fetch(`${base}${PATHS.events}?ticket=${ticket}`, { headers: { origin: STORE_ORIGIN, accept: 'text/event-stream', ...headers } });
}

/** One call a webhook receiver got. */
export interface HookCall {
  body: string;
  signature: string | undefined;
  notification: string | undefined;
  status: number;
}

/**
 * The app option a test with a {@link startHookReceiver} sets: the receiver listens on this
 * machine's loopback, which webhooks may not reach unless the host is allowed.
 */
export const RECEIVER_ALLOWED = { webhookAllowHosts: ['127.0.0.1'] } as const;

/** A webhook receiver on a local port that answers 503 to its first `failFirst` calls, then 200. */
export async function startHookReceiver(failFirst = 0): Promise<{ url: string; calls: HookCall[]; close(): Promise<void> }> {
  const calls: HookCall[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const status = calls.length < failFirst ? 503 : 200;
      const header = (name: string) => (typeof req.headers[name] === 'string' ? req.headers[name] : undefined);
      calls.push({ body, signature: header('x-sori-signature'), notification: header('x-sori-notification'), status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Adds a webhook as an admin; answers its id and signing secret. */
export async function addWebhook(t: TestContext, input: { url: string; events?: string[]; department?: string }): Promise<{ id: string; secret: string }> {
  const res = await desk(t, 'POST', '/v1/desk/webhooks', { siteId: t.site.id, ...input }, await t.adminToken());
  if (res.statusCode !== 201) throw new Error(`webhook not added: ${res.body}`);
  const { webhook, secret } = res.json() as { webhook: { id: string }; secret: string };
  return { id: webhook.id, secret };
}

/** What a server said on a raw connection, and how long after opening it closed it (`undefined`: it did not). */
export interface RawExchange {
  answer: string;
  closedAfterMs: number | undefined;
}

/**
 * Writes `bytes` on a new connection to a listening app on 127.0.0.1, as they are (for what no
 * HTTP client sends: stalls, oversized heads, garbage), and collects the answer until the server
 * closes the connection or `waitMs` passes.
 */
export function rawExchange(port: number, bytes: string, waitMs = 10_000): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    const started = Date.now();
    let answer = '';
    const giveUp = setTimeout(() => {
      socket.destroy();
      resolve({ answer, closedAfterMs: undefined });
    }, waitMs);
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
  });
}

/** The JSON body of a raw HTTP answer. */
export function rawBody(answer: string): unknown {
  return JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
}
