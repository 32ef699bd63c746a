import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.js';
import { errors } from '../errors.js';
import type { User } from './users.js';

/**
 * Site membership: an agent sees and changes only the submissions of the sites they belong to,
 * on every desk route; an admin sees every site. One place decides, so no route forgets it.
 */

/** The sites `user` may see, or `null` for every site (an admin). An agent without loaded sites sees none. */
export function visibleSites(user: User): readonly string[] | null {
  return user.role === 'admin' ? null : (user.siteIds ?? []);
}

/** Whether `user` may see submissions of `siteId`. */
export function canSeeSite(user: User, siteId: string): boolean {
  const sites = visibleSites(user);
  return sites === null || sites.includes(siteId);
}

/**
 * A `where` condition that keeps only rows of `user`'s sites, over the one table of a query that
 * has a `site_id` column (submissions, events). An agent of no site matches nothing.
 */
export function inUserSites(user: User): RawBuilder<SqlBool> {
  const sites = visibleSites(user);
  return sites === null ? sql<SqlBool>`1 = 1` : inSites(sites);
}

/** A `where` condition that keeps only rows of these sites (none: nothing), as {@link inUserSites}. */
export function inSites(siteIds: readonly string[]): RawBuilder<SqlBool> {
  return siteIds.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`site_id in (${sql.join(siteIds)})`;
}

/** The not-found answer for a submission of a site the user does not belong to: as if it did not exist. */
export function assertCanSee(user: User, siteId: string, id: string): void {
  if (!canSeeSite(user, siteId)) throw errors.notFound(`Submission ${id}`);
}

/** The site ids `userId` belongs to. */
export async function siteIdsOf(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('user_sites').select('site_id').where('user_id', '=', userId).orderBy('site_id').execute();
  return rows.map((r) => r.site_id);
}
