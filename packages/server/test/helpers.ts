import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp, type AppOptions } from '../src/app.js';
import { openDatabase, type Store } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { createSite, type Site } from '../src/services/sites.js';
import { createApiToken, createUser } from '../src/services/users.js';

/** The engines storage tests run on: SQLite always, PostgreSQL when CI gives a URL. */
export const engines: Array<'sqlite' | 'postgres'> = process.env['SORI_TEST_DATABASE_URL'] ? ['sqlite', 'postgres'] : ['sqlite'];

export const STORE_ORIGIN = 'https://shop.example';

/** A fresh, migrated database: in-memory SQLite, or a schema of its own in the test PostgreSQL. */
export async function freshStore(engine: 'sqlite' | 'postgres'): Promise<Store> {
  if (engine === 'sqlite') {
    const store = openDatabase('sqlite::memory:');
    await migrate(store);
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
  await migrate(store);
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
  token: string;
  close(): Promise<void>;
}

/** Builds the app on a fresh database with one site and one agent. */
export async function buildTestApp(engine: 'sqlite' | 'postgres', options: AppOptions = {}): Promise<TestContext> {
  const store = await freshStore(engine);
  const app = await buildApp({ store, rateLimitPerMinute: false, ...options });
  const site = await createSite(store.db, { name: 'Test shop', origins: [STORE_ORIGIN] });
  await createUser(store.db, { email: 'agent@shop.example', role: 'agent', password: 'correct horse battery', name: 'Mina' });
  const { token } = await createApiToken(store.db, { userEmail: 'agent@shop.example' });
  return {
    app,
    store,
    site,
    token,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** A new reporter secret, as the SDK makes one. */
export function reporterSecret(): string {
  return randomBytes(32).toString('hex');
}

/** A valid submission item. */
export function item(overrides: Record<string, unknown> = {}): Record<string, unknown> {
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
