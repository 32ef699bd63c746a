import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Store } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { createSite } from '../../src/services/sites.js';
import { eventually, STORE_ORIGIN } from '../helpers.js';

describe('the SQLite checkpointer', () => {
  let dir: string;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns automatic checkpoints off on the writing connection and copies the WAL back from its worker', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sori-checkpoint-'));
    const path = join(dir, 'sori.db');
    store = openDatabase(`sqlite:${path}`);
    await migrate(store);
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(store.db);
    expect(rows[0]?.wal_autocheckpoint).toBe(0);
    for (let i = 0; i < 20; i++) await createSite(store.db, { name: `Shop ${i}`, origins: [STORE_ORIGIN] });
    const checkpointer = store.checkpointer;
    expect(checkpointer).toBeDefined();
    const done = await eventually(() => {
      const last = checkpointer?.last;
      return last && last.log > 0 && last.checkpointed === last.log ? last : undefined;
    }, 30_000);
    expect(done.checkpointed).toBe(done.log);
    // Written through the WAL, then into the database file by the worker's connection.
    expect(statSync(path).size).toBeGreaterThan(4096);
  }, 60_000);

  it('keeps what was committed when the store is closed and opened again', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sori-checkpoint-'));
    const url = `sqlite:${join(dir, 'sori.db')}`;
    const first = openDatabase(url);
    await migrate(first);
    await createSite(first.db, { name: 'Kept shop', origins: [STORE_ORIGIN] });
    await first.close();
    store = openDatabase(url);
    const names = await store.db.selectFrom('sites').select('name').execute();
    expect(names.map((n) => n.name)).toEqual(['Kept shop']);
  }, 60_000);
});
