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

  it('turns automatic checkpoints off on the writing connection and copies the WAL back on its timer', async () => {
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
    // Written through the WAL, then into the database file between transactions.
    expect(statSync(path).size).toBeGreaterThan(4096);
  }, 60_000);

  it('never fails a transaction that reads and then writes while checkpoints, TRUNCATE ones included, run', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sori-checkpoint-'));
    const path = join(dir, 'sori.db');
    // Every 2 ms, and TRUNCATE every time: the case that failed with SQLITE_BUSY on a second connection.
    store = openDatabase(`sqlite:${path}`, { checkpoints: { intervalMs: 2, truncateBytes: 0 } });
    await migrate(store);
    const errors: string[] = [];
    const warned = (warning: Error) => errors.push(warning.message);
    process.on('warning', warned);
    const db = store.db;
    const checkpointer = store.checkpointer!;
    try {
      // In waves with pauses between them, as requests come: checkpoints run in the pauses.
      for (let wave = 0; wave < 10; wave++) {
        await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            db.transaction().execute(async (trx) => {
              await trx.selectFrom('sites').select('id').limit(1).execute();
              await new Promise((resolve) => setTimeout(resolve, i % 3));
              await createSite(trx, { name: `Shop ${wave}.${i}`, origins: [STORE_ORIGIN] });
            }),
          ),
        );
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      process.off('warning', warned);
    }
    expect(errors).toEqual([]);
    expect(checkpointer.count).toBeGreaterThan(0);
    expect(await db.selectFrom('sites').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toMatchObject({ n: 300 });
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
