import { DEFAULT_DEPARTMENTS, DEFAULT_SLA_MINUTES, KINDS, type DeskSite, type Kind, type SiteConfig } from '@sori/protocol';
import { sql, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { Database, SiteTable } from '../db/schema.js';
import { errors } from '../errors.js';
import { newId, randomToken } from './secrets.js';
import { visibleSites } from './site-scope.js';
import type { User } from './users.js';

/** What a site owner can set. Everything is optional; the defaults serve a typical store. */
export interface SiteSettings {
  /** Kinds the widget offers. @default all four */
  kinds?: Kind[];
  products?: string[];
  departments?: string[];
  /** Expected first-response time per kind, in minutes. @default DEFAULT_SLA_MINUTES */
  slaMinutes?: Partial<Record<Kind, number>>;
  locale?: string;
  theme?: Record<string, string>;
}

/** A site as the server works with it. */
export interface Site {
  id: string;
  name: string;
  key: string;
  origins: string[];
  settings: SiteSettings;
}

/** A site row as the server works with it. */
export function toSite(row: Selectable<SiteTable>): Site {
  return {
    id: row.id,
    name: row.name,
    key: row.key,
    origins: JSON.parse(row.origins) as string[],
    settings: JSON.parse(row.settings) as SiteSettings,
  };
}

/** Normalises an origin as browsers send it: scheme, host and port only, no trailing slash. */
export function normalizeOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw errors.invalid(`"${origin}" is not an origin; write it like https://shop.example.com`, 'origin');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw errors.invalid(`Origin "${origin}" must start with https:// or http://`, 'origin');
  }
  return url.origin;
}

/** Creates a site and its public key. */
export async function createSite(
  db: Kysely<Database>,
  input: { name: string; origins: string[]; settings?: SiteSettings },
): Promise<Site> {
  if (!input.name.trim()) throw errors.invalid('A site needs a name', 'name');
  if (input.origins.length === 0) throw errors.invalid('A site needs at least one allowed origin', 'origin');
  const site: Site = {
    id: newId(),
    name: input.name.trim(),
    key: randomToken('pk_').slice(0, 35),
    origins: [...new Set(input.origins.map(normalizeOrigin))],
    settings: input.settings ?? {},
  };
  await db
    .insertInto('sites')
    .values({
      id: site.id,
      name: site.name,
      key: site.key,
      origins: JSON.stringify(site.origins),
      settings: JSON.stringify(site.settings),
      created_at: new Date().toISOString(),
    })
    .execute();
  return site;
}

/** Looks a site up by its public key. */
export async function findSiteByKey(db: Kysely<Database>, key: string): Promise<Site | undefined> {
  const row = await db.selectFrom('sites').selectAll().where('key', '=', key).executeTakeFirst();
  return row && toSite(row);
}

/** Looks a site up by name (the demo store uses it to find its site again). */
export async function findSiteByName(db: Kysely<Database>, name: string): Promise<Site | undefined> {
  const row = await db.selectFrom('sites').selectAll().where('name', '=', name).executeTakeFirst();
  return row && toSite(row);
}

/** Every allowed origin of every site: what a CORS preflight may be answered for. */
export async function allAllowedOrigins(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db.selectFrom('sites').select('origins').execute();
  return new Set(rows.flatMap((r) => JSON.parse(r.origins) as string[]));
}

/** Expected first-response time for a kind on a site, in minutes. */
export function slaMinutes(site: Site, kind: Kind): number {
  return site.settings.slaMinutes?.[kind] ?? DEFAULT_SLA_MINUTES[kind];
}

/** What the widget needs to know about a site. */
export function siteConfig(site: Site): SiteConfig {
  const kinds = site.settings.kinds ?? [...KINDS];
  const config: SiteConfig = {
    name: site.name,
    kinds,
    products: site.settings.products ?? [],
    slaMinutes: Object.fromEntries(kinds.map((k) => [k, slaMinutes(site, k)])),
  };
  if (site.settings.locale) config.locale = site.settings.locale;
  if (site.settings.theme) config.theme = site.settings.theme;
  return config;
}

/** Every site as the console needs it: what its submissions can be classified and routed as. */
export async function deskSites(db: Kysely<Database>, user: User): Promise<DeskSite[]> {
  const visible = visibleSites(user);
  let q = db.selectFrom('sites').selectAll();
  if (visible !== null) q = visible.length === 0 ? q.where(sql<SqlBool>`1 = 0`) : q.where('id', 'in', [...visible]);
  const rows = await q.orderBy('name').execute();
  return rows.map(toSite).map((site) => ({
    id: site.id,
    key: site.key,
    name: site.name,
    kinds: site.settings.kinds ?? [...KINDS],
    products: site.settings.products ?? [],
    departments: site.settings.departments ?? [...DEFAULT_DEPARTMENTS],
  }));
}
