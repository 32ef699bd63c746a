import {
  DEFAULT_DEPARTMENTS,
  DEFAULT_RESOLUTION_MINUTES,
  DEFAULT_SLA_MINUTES,
  KINDS,
  type DeskSite,
  type Kind,
  type SiteConfig,
  type SiteSettings as SettingsOnTheWire,
} from '@sori/protocol';
import { addBusinessMinutes, isOpen, nextOpening } from './business-hours.js';
import { sql, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { Database, SiteTable } from '../db/schema.js';
import { errors } from '../errors.js';
import { newId, randomToken } from './secrets.js';
import { visibleSites } from './site-scope.js';
import type { User } from './users.js';

/** What a site owner can set (`SiteSettings` of the protocol). Everything is optional; the defaults serve a typical store. */
export type SiteSettings = SettingsOnTheWire;

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

/** The site `id` (it exists: a submission's or a webhook's site). */
export async function siteById(db: Kysely<Database>, id: string): Promise<Site> {
  return toSite(await db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
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

/** First-response target for a kind on a site, in minutes of business hours. */
export function slaMinutes(site: Pick<Site, 'settings'>, kind: Kind): number {
  return site.settings.slaMinutes?.[kind] ?? DEFAULT_SLA_MINUTES[kind];
}

/** Resolution target for a kind on a site, in minutes of business hours. */
export function resolutionMinutes(site: Pick<Site, 'settings'>, kind: Kind): number {
  return site.settings.resolutionMinutes?.[kind] ?? DEFAULT_RESOLUTION_MINUTES[kind];
}

/** When the first response to a submission of `kind` received at `receivedAt` is due, in the site's business hours. */
export function firstResponseDue(site: Site, kind: Kind, receivedAt: Date): Date {
  return addBusinessMinutes(site.settings.businessHours, receivedAt, slaMinutes(site, kind));
}

/** When a submission of `kind` received at `receivedAt` is due to be resolved, in the site's business hours. */
export function resolutionDue(site: Site, kind: Kind, receivedAt: Date): Date {
  return addBusinessMinutes(site.settings.businessHours, receivedAt, resolutionMinutes(site, kind));
}

/** What the widget needs to know about a site, with the expected first answer for a submission sent at `now`. */
export function siteConfig(site: Site, now = new Date()): SiteConfig {
  const kinds = site.settings.kinds ?? [...KINDS];
  const config: SiteConfig = {
    name: site.name,
    kinds,
    products: site.settings.products ?? [],
    slaMinutes: Object.fromEntries(kinds.map((k) => [k, slaMinutes(site, k)])),
  };
  if (site.settings.locale) config.locale = site.settings.locale;
  if (site.settings.theme) config.theme = site.settings.theme;
  if (site.settings.strings) config.strings = site.settings.strings;
  const hours = site.settings.businessHours;
  const open = isOpen(hours, now);
  config.expectedResponse = {
    at: now.toISOString(),
    open,
    ...(open ? {} : { opensAt: nextOpening(hours, now).toISOString() }),
    ...(hours ? { timeZone: hours.timeZone } : {}),
    by: Object.fromEntries(kinds.map((k) => [k, firstResponseDue(site, k, now).toISOString()])),
  };
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
