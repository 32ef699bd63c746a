import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/db/database.js';
import { SiteDirectory } from '../../src/services/site-directory.js';
import { createSite } from '../../src/services/sites.js';
import { engines, freshStore } from '../helpers.js';

describe.each(engines)('the site directory on %s', (engine) => {
  let store: Store;
  beforeEach(async () => {
    store = await freshStore(engine);
  });
  afterEach(() => store.close());

  it('keeps at most its bound of site keys, unknown ones included, however many strangers ask', { timeout: 60_000 }, async () => {
    const sites = new SiteDirectory(store.db, { keys: 1000 });
    const shop = await createSite(store.db, { name: 'Shop', origins: ['https://shop.example'] });
    for (let i = 0; i < 2000; i++) expect(await sites.byKey(`pk_unknown${String(i).padStart(8, '0')}`)).toBeUndefined();
    expect(sites.size).toBe(1000);
    expect((await sites.byKey(shop.key))?.id).toBe(shop.id);
    expect(sites.size).toBe(1000);
    // What cannot be a key is not even kept.
    await sites.byKey('x'.repeat(10_000));
    expect(sites.size).toBe(1000);
  });

  it('forgets that a key was unknown once its cache time is over', async () => {
    const sites = new SiteDirectory(store.db, { cacheMs: 100 });
    const shop = await createSite(store.db, { name: 'Shop', origins: ['https://shop.example'] });
    const key = 'pk_soontobereal0001';
    expect(await sites.byKey(key)).toBeUndefined();
    await store.db.updateTable('sites').set({ key }).where('id', '=', shop.id).execute();
    expect(await sites.byKey(key)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await sites.byKey(key))?.id).toBe(shop.id);
  });
});
