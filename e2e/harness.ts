import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, createApiToken, createSite, createUser, migrate, openDatabase, type Site, type Store } from '@sori/server';
import { serveStore } from '../examples/store/serve-store.mjs';

/** A page a test serves on the test store's origin. */
export interface TestPage {
  html: string;
  headers?: Record<string, string>;
}

/** The Sori server, a store page on another origin, a site, and an agent's API token. */
export interface Stack {
  soriOrigin: string;
  storeOrigin: string;
  /**
   * Another store origin whose pages tests write themselves (`pages.set('/x', …)`). Served by a
   * real local server: Chromium refuses loopback requests from pages that intercepted routes fake.
   */
  testOrigin: string;
  pages: Map<string, TestPage>;
  site: Site;
  token: string;
  store: Store;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts the real server (built widget, SQLite file) and the demo store on its own origin. */
export async function startStack(): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'sori-e2e-'));
  const store = openDatabase(`sqlite:${join(dir, 'sori.db')}`);
  await migrate(store);
  const storePort = await freePort();
  const storeOrigin = `http://localhost:${storePort}`;
  const pages = new Map<string, TestPage>();
  const testServer = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://test').pathname;
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    const page = pages.get(path);
    if (!page) return void res.writeHead(404).end('no such test page');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...page.headers }).end(page.html);
  });
  await new Promise<void>((resolve) => testServer.listen(0, '127.0.0.1', resolve));
  const address = testServer.address();
  const testOrigin = `http://localhost:${address && typeof address === 'object' ? address.port : 0}`;
  const site = await createSite(store.db, { name: 'E2E shop', origins: [storeOrigin, testOrigin] });
  await createUser(store.db, { email: 'agent@e2e.example', role: 'agent', password: 'e2e password 1', name: 'Mina', siteIds: [site.id] });
  const { token } = await createApiToken(store.db, { userEmail: 'agent@e2e.example' });

  // Every page of every test comes from one address (loopback), standing for many shoppers and staff:
  // the per-address limits would count them as one.
  const app = await buildApp({ store, rateLimitPerMinute: false, connectionsPerAddress: false, signInAttemptsPerEmail: false });
  const soriOrigin = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('127.0.0.1', 'localhost');
  const storeServer: Server = await serveStore({ port: storePort, soriOrigin, siteKey: site.key });
  return {
    soriOrigin,
    storeOrigin,
    testOrigin,
    pages,
    site,
    token,
    store,
    async close() {
      await new Promise((resolve) => storeServer.close(resolve));
      await new Promise((resolve) => testServer.close(resolve));
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, kept off the network but for localhost. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Calls the desk API as the stack's agent. */
export async function desk(stack: Stack, method: string, path: string, body?: object): Promise<unknown> {
  const res = await fetch(`${stack.soriOrigin}${path}`, {
    method,
    headers: { authorization: `Bearer ${stack.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The stack and Chromium that a test file's tests share. */
export interface Running {
  readonly stack: Stack;
  readonly browser: Browser;
}

/**
 * Starts the stack and Chromium before the tests of the calling file (or `describe`) and stops them
 * after; read `stack` and `browser` inside the tests.
 */
export function useStack(): Running {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the stack starts in beforeAll: use it inside a test');
    return value;
  };
  return {
    get stack() {
      return started(stack);
    },
    get browser() {
      return started(browser);
    },
  };
}

/** The widget's English labels that `writeAndSend` uses; a Korean page passes its own. */
export const ENGLISH = { launcher: 'Feedback', message: 'Your message', send: 'Send' };

/** Opens the widget on `page`, picks `kind`, writes `message` and sends it; answers the dialog. */
export async function writeAndSend(page: Page, kind: string, message: string, labels = ENGLISH): Promise<Locator> {
  await page.getByRole('button', { name: labels.launcher }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: kind }).check();
  await dialog.getByRole('textbox', { name: labels.message }).fill(message);
  await dialog.getByRole('button', { name: labels.send }).click();
  return dialog;
}
