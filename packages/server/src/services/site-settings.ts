import { DEFAULT_DEPARTMENTS, WEEKDAYS, type AdminSite, type SiteCreateInput, type SiteUpdateInput } from '@sori/protocol';
import type { Kysely, Selectable } from 'kysely';
import type { Database, SiteTable } from '../db/schema.js';
import { errors } from '../errors.js';
import { diff, recordChange, type Actor } from './audit.js';
import { isTimeZone } from './business-hours.js';
import { createSite, normalizeOrigin, toSite, type SiteSettings } from './sites.js';

/**
 * A site's settings as its owner changes them: checked as a whole (what the schema cannot say:
 * time zones, opening spans, routing to departments the site has, colours), written, and audited.
 */

/** A CSS colour as a theme may hold it: hex, `rgb()`/`hsl()` (and their alpha forms), or a colour name. */
const COLOUR = /^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla)\([0-9.,%\s/]+\)|[a-zA-Z]{3,30})$/;

function toAdminSite(row: Selectable<SiteTable>): AdminSite {
  const site = toSite(row);
  return { id: site.id, name: site.name, key: site.key, origins: site.origins, settings: site.settings, createdAt: row.created_at };
}

/** Refuses what the schema lets through but a site cannot work with, naming the field. */
export function checkSettings(settings: SiteSettings): void {
  const hours = settings.businessHours;
  if (hours) {
    if (!isTimeZone(hours.timeZone)) throw errors.invalid(`"${hours.timeZone}" is not an IANA time zone, e.g. Asia/Seoul`, 'settings.businessHours.timeZone');
    for (const day of WEEKDAYS) {
      const spans = [...(hours.weekly[day] ?? [])].sort((a, b) => (a.from < b.from ? -1 : 1));
      spans.forEach((span, i) => {
        const before = spans[i - 1];
        // Overlapping spans would count the same open minutes twice on every clock.
        if (before && span.from < before.to) throw errors.invalid(`Opening spans must not overlap (${before.from}–${before.to} and ${span.from}–${span.to})`, `settings.businessHours.weekly.${day}`);
      });
      for (const span of spans) {
        if (span.from >= span.to) throw errors.invalid(`An opening span must end after it starts (${span.from}–${span.to})`, `settings.businessHours.weekly.${day}`);
      }
    }
    for (const holiday of hours.holidays) {
      if (Number.isNaN(Date.parse(`${holiday}T00:00:00Z`))) throw errors.invalid(`"${holiday}" is not a date`, 'settings.businessHours.holidays');
    }
  }
  const departments: readonly string[] = settings.departments ?? DEFAULT_DEPARTMENTS;
  const routing = settings.routing;
  for (const [kind, department] of Object.entries(routing?.byKind ?? {})) {
    if (!departments.includes(department)) throw errors.invalid(`"${department}" is not one of the site's departments: ${departments.join(', ')}`, `settings.routing.byKind.${kind}`);
  }
  for (const [product, department] of Object.entries(routing?.byProduct ?? {})) {
    if (!departments.includes(department)) throw errors.invalid(`"${department}" is not one of the site's departments: ${departments.join(', ')}`, `settings.routing.byProduct.${product}`);
  }
  for (const [name, value] of Object.entries(settings.theme ?? {})) {
    if (!COLOUR.test(value.trim())) throw errors.invalid(`"${value}" is not a colour (write it like #0a7 or rgb(0 160 120))`, `settings.theme.${name}`);
  }
}

/** Every site with its settings, by name. */
export async function listAdminSites(db: Kysely<Database>): Promise<AdminSite[]> {
  return (await db.selectFrom('sites').selectAll().orderBy('name').execute()).map(toAdminSite);
}

/** One site with its settings, by id or public key. */
export async function findAdminSite(db: Kysely<Database>, idOrKey: string): Promise<AdminSite> {
  const row = await db
    .selectFrom('sites')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrKey), eb('key', '=', idOrKey)]))
    .executeTakeFirst();
  if (!row) throw errors.notFound(`Site ${idOrKey}`);
  return toAdminSite(row);
}

/** Creates a site with settings, audited. */
export async function createAdminSite(db: Kysely<Database>, input: SiteCreateInput, actor: Actor): Promise<AdminSite> {
  if (input.settings) checkSettings(input.settings);
  const site = await createSite(db, { name: input.name, origins: input.origins, ...(input.settings ? { settings: input.settings } : {}) });
  const created = await findAdminSite(db, site.id);
  const { createdAt: _, ...shown } = created;
  await recordChange(db, actor, { subject: 'site', subjectId: site.id, siteId: site.id, action: 'created', changes: diff({}, shown) });
  return created;
}

/**
 * Changes a site: its name, origins added and removed (the last one only with
 * `confirmNoOrigins`), and each setting given replaced whole (`null`: back to its default).
 * Audited field by field.
 */
export async function updateAdminSite(db: Kysely<Database>, idOrKey: string, input: SiteUpdateInput, actor: Actor): Promise<AdminSite> {
  const before = await findAdminSite(db, idOrKey);
  const name = input.name === undefined ? before.name : input.name.trim();
  if (!name) throw errors.invalid('A site needs a name', 'name');
  const removing = new Set((input.removeOrigins ?? []).map((o) => checkedOrigin(o, 'removeOrigins')));
  const adding = (input.addOrigins ?? []).map((o) => checkedOrigin(o, 'addOrigins'));
  for (const origin of removing) {
    if (!before.origins.includes(origin)) throw errors.invalid(`${origin} is not one of the site's origins`, 'removeOrigins');
  }
  const origins = [...new Set([...before.origins.filter((o) => !removing.has(o)), ...adding])];
  if (origins.length === 0 && input.confirmNoOrigins !== true) {
    throw errors.invalid('This removes the last allowed origin, and the widget would stop working on every page: send "confirmNoOrigins": true to do it anyway', 'removeOrigins');
  }
  const settings: Record<string, unknown> = { ...before.settings };
  for (const [key, value] of Object.entries(input.settings ?? {})) {
    if (value === null) delete settings[key];
    else settings[key] = value;
  }
  // The schema of `SiteUpdateInput.settings` checked each key against `SiteSettings` already.
  const next = settings as SiteSettings;
  checkSettings(next);
  await db
    .updateTable('sites')
    .set({ name, origins: JSON.stringify(origins), settings: JSON.stringify(next) })
    .where('id', '=', before.id)
    .execute();
  const after = await findAdminSite(db, before.id);
  const flat = (site: AdminSite) => ({ name: site.name, origins: site.origins, ...site.settings });
  await recordChange(db, actor, { subject: 'site', subjectId: before.id, siteId: before.id, action: 'updated', changes: diff(flat(before), flat(after)) });
  return after;
}

function checkedOrigin(origin: string, field: string): string {
  try {
    return normalizeOrigin(origin);
  } catch {
    throw errors.invalid(`"${origin}" is not an origin; write it like https://shop.example.com`, field);
  }
}
