import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
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
  await createUser(store.db, { email: 'agent@e2e.example', role: 'agent', password: 'e2e password 1', name: 'Mina' });
  const { token } = await createApiToken(store.db, { userEmail: 'agent@e2e.example' });

  const app = await buildApp({ store, rateLimitPerMinute: false });
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
