import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../src/services/secrets.js';
import { GroupCommit } from '../src/services/group-commit.js';
import { freshStore, engines } from './helpers.js';
import type { Store } from '../src/db/database.js';

describe.each(engines)('group commit on %s', (engine) => {
  let store: Store;
  beforeEach(async () => {
    store = await freshStore(engine);
  });
  afterEach(() => store.close());

  const writeSite = (name: string) => async (trx: Parameters<Parameters<GroupCommit['run']>[0]>[0]) => {
    await trx
      .insertInto('sites')
      .values({ id: newId(), name, key: `pk_${name}`, origins: '[]', settings: '{}', created_at: new Date().toISOString() })
      .execute();
    return name;
  };

  it('commits concurrent writes together and resolves each with its own result', async () => {
    const writes = new GroupCommit(store.db);
    const names = Array.from({ length: 20 }, (_, i) => `site${i}`);
    const results = await Promise.all(names.map((n) => writes.run(writeSite(n))));
    expect(results).toEqual(names);
    expect(writes.commits).toBeLessThan(names.length);
    const rows = await store.db.selectFrom('sites').select('name').execute();
    expect(rows.map((r) => r.name).sort()).toEqual([...names].sort());
  });

  it('keeps one failing write from failing the others that shared its transaction', async () => {
    const writes = new GroupCommit(store.db);
    const outcomes = await Promise.allSettled([
      writes.run(writeSite('a')),
      writes.run(async () => {
        throw new Error('boom');
      }),
      writes.run(writeSite('b')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rows = await store.db.selectFrom('sites').select('name').orderBy('name').execute();
    expect(rows.map((r) => r.name)).toEqual(['a', 'b']);
  });
});
