import {
  IMPROVEMENT_TRANSITIONS,
  type Improvement,
  type ImprovementList,
  type ImprovementPatch,
  type ImprovementQuery,
  type NewImprovement,
} from '@sori/protocol';
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database, ImprovementTable } from '../db/schema.js';
import { errors } from '../errors.js';
import { departmentsOf } from './desk.js';
import { queueImprovementEmail, queueWebhookCalls, type WebhookEvent } from './notifications.js';
import { newId } from './secrets.js';
import { canSeeSite, inUserSites } from './site-scope.js';
import type { SubmissionRow } from './submissions.js';
import type { UnitOfWork } from './unit-of-work.js';
import type { User } from './users.js';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Selectable<ImprovementTable>;

/** Improvements as staff see them, with their linked submissions counted, in one query each. */
async function toImprovements(db: Db, rows: Row[]): Promise<Improvement[]> {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('improvement_submissions')
    .innerJoin('submissions', 'submissions.id', 'improvement_submissions.submission_id')
    .select(['improvement_submissions.improvement_id', 'submissions.id', 'submissions.kind'])
    .where('improvement_submissions.improvement_id', 'in', rows.map((r) => r.id))
    .orderBy('improvement_submissions.linked_at')
    .execute();
  const ownerIds = [...new Set(rows.flatMap((r) => (r.owner_id ? [r.owner_id] : [])))];
  const owners = ownerIds.length ? await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ownerIds).execute() : [];
  const ownerName = new Map(owners.map((o) => [o.id, o.name]));
  return rows.map((r) => {
    const linked = links.filter((l) => l.improvement_id === r.id);
    const name = r.owner_id ? ownerName.get(r.owner_id) : undefined;
    return {
      id: r.id,
      siteId: r.site_id,
      title: r.title,
      department: r.department,
      status: r.status,
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.owner_id ? { ownerId: r.owner_id } : {}),
      ...(name ? { ownerName: name } : {}),
      submissionCount: linked.length,
      complaintCount: linked.filter((l) => l.kind === 'complaint').length,
      submissionIds: linked.map((l) => l.id),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      ...(r.done_at ? { doneAt: r.done_at } : {}),
    };
  });
}

async function findRow(db: Db, id: string, user: User): Promise<Row> {
  const row = await db.selectFrom('improvements').selectAll().where('id', '=', id).executeTakeFirst();
  // One of a site the user does not belong to answers like a missing one.
  if (!row || !canSeeSite(user, row.site_id)) throw errors.notFound(`Improvement ${id}`);
  return row;
}

async function checkDepartment(db: Db, siteId: string, department: string): Promise<void> {
  const known = await departmentsOf(db, siteId);
  if (!known.includes(department)) throw errors.invalid(`"department" must be one of: ${known.join(', ')}`, 'department');
}

async function checkOwner(db: Db, ownerId: string): Promise<void> {
  const owner = await db.selectFrom('users').select('id').where('id', '=', ownerId).executeTakeFirst();
  if (!owner) throw errors.invalid(`No user has id ${ownerId}`, 'ownerId');
}

/** The submissions to link, all of one site (the improvement's, when it has one). */
async function submissionsToLink(db: Db, user: User, ids: string[], siteId?: string): Promise<SubmissionRow[]> {
  const rows = await db.selectFrom('submissions').selectAll().where('id', 'in', ids).where(inUserSites(user)).execute();
  const missing = ids.find((id) => !rows.some((r) => r.id === id));
  if (missing) throw errors.invalid(`No submission has id ${missing}`, 'submissionIds');
  const site = siteId ?? rows[0]?.site_id;
  if (rows.some((r) => r.site_id !== site)) throw errors.invalid('The submissions behind an improvement are all of its site', 'submissionIds');
  return rows;
}

/** Tells the shopper of `row` that the improvement is done: a public event, and an email where they consented. */
async function tellShopper(unit: UnitOfWork, row: SubmissionRow, improvement: Row, user: User, at: string): Promise<void> {
  await unit.appendEvent({
    type: 'improvement_done',
    submission: row,
    author: 'staff',
    actor: user,
    public: true,
    text: improvement.title,
    data: { improvementId: improvement.id, department: improvement.department },
    at,
  });
  await queueImprovementEmail(unit, row, improvement.title);
}

/** Links submissions (a staff-only event on each); a shopper linked to one already done is told at once. */
async function link(unit: UnitOfWork, improvement: Row, rows: SubmissionRow[], user: User, at: string): Promise<SubmissionRow[]> {
  const existing = await unit.db
    .selectFrom('improvement_submissions')
    .select('submission_id')
    .where('improvement_id', '=', improvement.id)
    .execute();
  const fresh = rows.filter((r) => !existing.some((e) => e.submission_id === r.id));
  for (const row of fresh) {
    await unit.db.insertInto('improvement_submissions').values({ improvement_id: improvement.id, submission_id: row.id, linked_by: user.id, linked_at: at }).execute();
    await unit.appendEvent({
      type: 'improvement',
      submission: row,
      author: 'staff',
      actor: user,
      public: false,
      text: improvement.title,
      data: { improvementId: improvement.id, department: improvement.department },
      at,
    });
    if (improvement.status === 'done') await tellShopper(unit, row, improvement, user, at);
  }
  return fresh;
}

/** Tells the department's webhooks (and the site-wide ones) of a change to an improvement. */
async function tellDepartment(unit: UnitOfWork, improvement: Improvement, event: WebhookEvent): Promise<void> {
  const about = improvement.submissionIds[0];
  if (!about) return;
  await queueWebhookCalls(unit, { id: about, site_id: improvement.siteId }, improvement.department, event, { improvement });
}

/** Starts an improvement with the submissions behind it. */
export async function createImprovement(unit: UnitOfWork, input: NewImprovement, user: User): Promise<Improvement> {
  const rows = await submissionsToLink(unit.db, user, input.submissionIds);
  const siteId = rows[0]?.site_id ?? '';
  await checkDepartment(unit.db, siteId, input.department);
  if (input.ownerId) await checkOwner(unit.db, input.ownerId);
  const now = new Date().toISOString();
  const row = await unit.db
    .insertInto('improvements')
    .values({
      id: newId(),
      site_id: siteId,
      title: input.title,
      department: input.department,
      status: 'proposed',
      reason: null,
      owner_id: input.ownerId ?? null,
      created_by: user.id,
      created_at: now,
      updated_at: now,
      done_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await link(unit, row, rows, user, now);
  const [improvement] = await toImprovements(unit.db, [row]);
  if (!improvement) throw errors.internal();
  await tellDepartment(unit, improvement, 'improvement.created');
  return improvement;
}

/**
 * Changes an improvement: title, department, owner, status (proposed → planned → done, or
 * declined with a reason). Done tells every linked shopper.
 */
export async function updateImprovement(unit: UnitOfWork, id: string, patch: ImprovementPatch, user: User): Promise<Improvement> {
  const row = await findRow(unit.db, id, user);
  const set: Updateable<ImprovementTable> = {};
  if (patch.title !== undefined) set.title = patch.title;
  if (patch.department !== undefined) {
    await checkDepartment(unit.db, row.site_id, patch.department);
    set.department = patch.department;
  }
  if (patch.ownerId !== undefined) {
    if (patch.ownerId !== null) await checkOwner(unit.db, patch.ownerId);
    set.owner_id = patch.ownerId;
  }
  const now = new Date().toISOString();
  const to = patch.status;
  if (to && to !== row.status) {
    const allowed = IMPROVEMENT_TRANSITIONS[row.status];
    if (!allowed.includes(to)) throw errors.invalidTransition(row.status, to, allowed);
    if (to === 'declined' && !patch.reason) throw errors.invalid('Declining needs a "reason"', 'reason');
    set.status = to;
    set.reason = to === 'declined' ? (patch.reason ?? null) : null;
    if (to === 'done') set.done_at = now;
  }
  if (Object.keys(set).length === 0) {
    const [same] = await toImprovements(unit.db, [row]);
    if (!same) throw errors.internal();
    return same;
  }
  const updated = await unit.db.updateTable('improvements').set({ ...set, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  if (set.status === 'done') {
    const linked = await unit.db
      .selectFrom('submissions')
      .innerJoin('improvement_submissions', 'improvement_submissions.submission_id', 'submissions.id')
      .selectAll('submissions')
      .where('improvement_submissions.improvement_id', '=', id)
      .execute();
    for (const submission of linked) await tellShopper(unit, submission, updated, user, now);
  }
  const [improvement] = await toImprovements(unit.db, [updated]);
  if (!improvement) throw errors.internal();
  await tellDepartment(unit, improvement, 'improvement.updated');
  return improvement;
}

/** Adds submissions behind an improvement (from the submission view). */
export async function linkSubmissions(unit: UnitOfWork, id: string, submissionIds: string[], user: User): Promise<Improvement> {
  const row = await findRow(unit.db, id, user);
  const rows = await submissionsToLink(unit.db, user, submissionIds, row.site_id);
  const fresh = await link(unit, row, rows, user, new Date().toISOString());
  const [improvement] = await toImprovements(unit.db, [row]);
  if (!improvement) throw errors.internal();
  if (fresh.length > 0) await tellDepartment(unit, improvement, 'improvement.linked');
  return improvement;
}

/** Improvements by department, newest first, with per-department counts of the VOC behind them. */
export async function listImprovements(db: Kysely<Database>, query: ImprovementQuery, user: User): Promise<ImprovementList> {
  let q = db.selectFrom('improvements').selectAll('improvements').where(inUserSites(user));
  if (query.siteId) q = q.where('site_id', '=', query.siteId);
  if (query.department) q = q.where('department', '=', query.department);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.submissionId) {
    const submissionId = query.submissionId;
    q = q.where((eb) =>
      eb('id', 'in', eb.selectFrom('improvement_submissions').select('improvement_id').where('submission_id', '=', submissionId)),
    );
  }
  const rows = await q.orderBy('department').orderBy('created_at', 'desc').limit(1000).execute();
  const improvements = await toImprovements(db, rows);
  const departments = new Map<string, ImprovementList['departments'][number]>();
  for (const i of improvements) {
    const d = departments.get(i.department) ?? { department: i.department, improvements: 0, submissions: 0, complaints: 0 };
    d.improvements++;
    d.submissions += i.submissionCount;
    d.complaints += i.complaintCount;
    departments.set(i.department, d);
  }
  return { improvements, departments: [...departments.values()] };
}
