import type { Kind, RoutingDefaults } from '@sori/protocol';
import { queueWebhookCalls } from './notifications.js';
import type { Site } from './sites.js';
import { toDeskSubmission, type SubmissionRow } from './submissions.js';
import type { UnitOfWork } from './unit-of-work.js';

/**
 * Routing on arrival (VOC steps 3 and 4): the site's default department for the submission's
 * product, else for its kind; then, with round-robin on, the next active agent of that department
 * who belongs to the site. Each automatic step is a timeline event by `system` that says so.
 */

/** Which department a new submission goes to, and by which rule; `undefined`: none set. */
export function routeFor(routing: RoutingDefaults | undefined, kind: Kind, product: string | null): { department: string; rule: 'product' | 'kind' } | undefined {
  const byProduct = product !== null ? routing?.byProduct?.[product] : undefined;
  if (byProduct) return { department: byProduct, rule: 'product' };
  const byKind = routing?.byKind?.[kind];
  return byKind ? { department: byKind, rule: 'kind' } : undefined;
}

/** The agent after `last` among `agents` (ids in a stable order), wrapping round. */
export function nextInTurn(agents: readonly string[], last: string | undefined): string | undefined {
  // The first id past `last` (ids are sorted), so a departed agent does not reset the turn; none past it: start again.
  const index = last === undefined ? 0 : agents.findIndex((id) => id > last);
  return agents[index === -1 ? 0 : index];
}

async function roundRobinAgent(unit: UnitOfWork, siteId: string, department: string): Promise<string | undefined> {
  const agents = await unit.db
    .selectFrom('users')
    .innerJoin('user_sites', 'user_sites.user_id', 'users.id')
    .select('users.id')
    .where('user_sites.site_id', '=', siteId)
    .where('users.department', '=', department)
    .where('users.role', '=', 'agent')
    .where('users.disabled_at', 'is', null)
    .orderBy('users.id')
    .execute();
  const state = await unit.db
    .selectFrom('round_robin')
    .select('last_user_id')
    .where('site_id', '=', siteId)
    .where('department', '=', department)
    .executeTakeFirst();
  const next = nextInTurn(agents.map((a) => a.id), state?.last_user_id);
  if (next === undefined) return undefined;
  await unit.db
    .insertInto('round_robin')
    .values({ site_id: siteId, department, last_user_id: next })
    .onConflict((oc) => oc.columns(['site_id', 'department']).doUpdateSet({ last_user_id: next }))
    .execute();
  return next;
}

/**
 * Routes a submission that just arrived, in its intake transaction: sets its department (and
 * assignee), appends the automatic events and tells the department's webhooks. Answers the row as
 * it is now.
 */
export async function routeOnArrival(unit: UnitOfWork, site: Site, row: SubmissionRow): Promise<SubmissionRow> {
  const route = routeFor(site.settings.routing, row.kind, row.product);
  if (!route) return row;
  const assignee = site.settings.routing?.roundRobin ? await roundRobinAgent(unit, site.id, route.department) : undefined;
  const routed = await unit.db
    .updateTable('submissions')
    .set({ department: route.department, ...(assignee ? { assignee_id: assignee } : {}) })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const at = row.received_at;
  await unit.appendEvent({ type: 'routing', submission: routed, author: 'system', public: false, at, data: { from: null, to: route.department, automatic: true, rule: route.rule } });
  if (assignee) {
    await unit.appendEvent({ type: 'assignment', submission: routed, author: 'system', public: false, at, data: { from: null, to: assignee, automatic: true, rule: 'round_robin' } });
  }
  await queueWebhookCalls(unit, routed, route.department, 'submission.routed', toDeskSubmission(routed));
  return routed;
}
