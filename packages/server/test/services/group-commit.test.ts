import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/db/database.js';
import { GroupCommit } from '../../src/services/group-commit.js';
import { ReporterDirectory } from '../../src/services/reporters.js';
import { newId } from '../../src/services/secrets.js';
import { createSite, type Site } from '../../src/services/sites.js';
import { storeSubmissions } from '../../src/services/submissions.js';
import type { Effects, Work } from '../../src/services/unit-of-work.js';
import { engines, freshStore, reporterSecret, STORE_ORIGIN, submission } from '../helpers.js';

describe.each(engines)('group commit on %s', (engine) => {
  let store: Store;
  let published: Effects[];
  let writes: GroupCommit;
  beforeEach(async () => {
    store = await freshStore(engine);
    published = [];
    writes = new GroupCommit(store.db, (effects) => published.push(effects));
  });
  afterEach(() => store.close());

  const writeSite =
    (name: string): Work<string> =>
    async (unit) => {
      await unit.db
        .insertInto('sites')
        .values({ id: newId(), name, key: `pk_${name}`, origins: '[]', settings: '{}', created_at: new Date().toISOString() })
        .execute();
      return name;
    };

  it('commits concurrent writes together and resolves each with its own result', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `site${i}`);
    const results = await Promise.all(names.map((n) => writes.run(writeSite(n))));
    expect(results).toEqual(names);
    expect(writes.commits).toBeLessThan(names.length);
    const rows = await store.db.selectFrom('sites').select('name').execute();
    expect(rows.map((r) => r.name).sort()).toEqual([...names].sort());
  });

  it('keeps one failing write from failing the others that shared its transaction', async () => {
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

  describe('with submissions', () => {
    let site: Site;
    let reporters: ReporterDirectory;
    beforeEach(async () => {
      site = await createSite(store.db, { name: 'Group shop', origins: [STORE_ORIGIN] });
      reporters = new ReporterDirectory(store.db);
    });
    const intake = (reporterId: string, fail = false): Work<string> => async (unit) => {
      const [result] = await storeSubmissions(unit, site, reporterId, [submission()]);
      if (fail) throw new Error('failed after storing');
      return result?.result ?? 'none';
    };

    it('publishes a shared commit once, with each reporter once', async () => {
      const [a, b] = await Promise.all([reporters.idOf(site.id, reporterSecret()), reporters.idOf(site.id, reporterSecret())]);
      await Promise.all([writes.run(intake(a!)), writes.run(intake(a!)), writes.run(intake(b!))]);
      expect(writes.commits).toBe(1);
      expect(published.map((e) => [...e.reporters].sort())).toEqual([[a, b].sort()]);
    });

    it('publishes only the work that committed when a shared transaction failed and ran again job by job', async () => {
      const ok = await reporters.idOf(site.id, reporterSecret());
      const failing = await reporters.idOf(site.id, reporterSecret());
      const outcomes = await Promise.allSettled([writes.run(intake(ok)), writes.run(intake(failing, true)), writes.run(intake(ok))]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      // The shared attempt published nothing; each job that committed alone published once.
      expect(published.map((e) => [...e.reporters])).toEqual([[ok], [ok]]);
      const stored = await store.db.selectFrom('submissions').select('reporter_id').execute();
      expect(stored.map((s) => s.reporter_id)).toEqual([ok, ok]);
    });
  });
});
