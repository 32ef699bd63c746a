import { signal } from '@preact/signals';
import type { AdminSite, SiteCreateInput, SiteUpdateInput } from '@sori/protocol';
import { ADMIN_PATHS } from '@sori/protocol/constants';
import { desk } from '../api/client.js';
import { loadDirectory } from '../api/directory.js';


/** The sites as their owner edits them (admins only); `undefined` until loaded. */
export const adminSites = signal<readonly AdminSite[] | undefined>(undefined);

/** Counts the writes answered here, so a list asked for before one cannot overwrite what it answered. */
let writes = 0;

function keep(site: AdminSite): AdminSite {
  writes++;
  const list = adminSites.peek() ?? [];
  adminSites.value = list.some((s) => s.id === site.id) ? list.map((s) => (s.id === site.id ? site : s)) : [...list, site];
  // The inbox's lists of departments, products and kinds come from the directory: keep it in step.
  void loadDirectory().catch(() => undefined);
  return site;
}

/** Loads every site with its settings. */
export async function loadAdminSites(): Promise<readonly AdminSite[]> {
  const before = writes;
  const { sites } = await desk<{ sites: AdminSite[] }>('GET', ADMIN_PATHS.sites);
  // A save answered while the list was on its way is newer than the list: keep it, ask again.
  if (writes !== before) return loadAdminSites();
  adminSites.value = sites;
  return sites;
}

/** Creates a site with its first origins; the answer has its public key. */
export async function createSite(input: SiteCreateInput): Promise<AdminSite> {
  return keep(await desk<AdminSite>('POST', ADMIN_PATHS.sites, { body: input }));
}

/**
 * Changes a site: its name, origins one by one, or whole settings (each given setting replaces
 * that setting; `null` puts its default back).
 */
export async function updateSite(id: string, change: SiteUpdateInput): Promise<AdminSite> {
  return keep(await desk<AdminSite>('PATCH', ADMIN_PATHS.site(id), { body: change }));
}
