import {
  canTransition,
  DEFAULT_DEPARTMENTS,
  TRANSITIONS,
  type DeskEvent,
  type ImprovementInput,
  type DeskChange,
  type DeskDetail,
  type DeskPatch,
  type EventType,
} from '@sori/protocol';
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { Database, SubmissionTable } from '../db/schema.js';
import { queueReplyEmail, queueResolvedEmail, queueWebhookCalls } from './notifications.js';
import { firstResponseDue, resolutionDue, siteById, type Site } from './sites.js';
import { errors } from '../errors.js';
import { resolutionMet } from './recovery.js';
import { toDeskSubmission, type SubmissionRow } from './submissions.js';
import { toDeskEvent } from './timeline.js';
import type { UnitOfWork } from './unit-of-work.js';
import { assertCanSee } from './site-scope.js';
import type { User } from './users.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What a reopen clears: the resolution (and its target check), the close reason; staff are awaited. */
export const REOPENED = { resolved_at: null, resolution_met: null, closed_reason: null, awaiting: 'staff' } as const satisfies Updateable<SubmissionTable>;

/** The submission `id`, if `user` may see it: one of another site is not found, as if it did not exist. */
async function findRow(db: Db, id: string, user: User): Promise<SubmissionRow> {
  const row = await db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound(`Submission ${id}`);
  assertCanSee(user, row.site_id, id);
  return row;
}

/** One submission with its whole timeline, public and internal. */
export async function submissionDetail(db: Kysely<Database>, id: string, user: User): Promise<DeskDetail> {
  const row = await findRow(db, id, user);
  const events = await db.selectFrom('events').selectAll().where('submission_id', '=', id).orderBy('id').execute();
  return { submission: toDeskSubmission(row), timeline: events.map(toDeskEvent) };
}

/** What a desk change does to one submission: the columns it sets and the events it records. */
export interface ChangePlan {
  set: Updateable<SubmissionTable>;
  changes: Array<{ type: EventType; public: boolean; data: object }>;
}

/** What checking a change needs from the database, read once however many submissions it is for. */
export interface ChangeContext {
  /** The departments a site routes to: its own list, or the defaults. */
  departments(siteId: string): Promise<readonly string[]>;
  /** Whether a user with this id exists. */
  userExists(id: string): Promise<boolean>;
  /** A site, for its departments, targets and business hours. */
  site(siteId: string): Promise<Site>;
}

/** The departments a site routes to: its own list, or the defaults. */
export async function departmentsOf(db: Db, siteId: string): Promise<readonly string[]> {
  return (await siteById(db, siteId)).settings.departments ?? DEFAULT_DEPARTMENTS;
}

/** A {@link ChangeContext} reading through `db`, each answer read once. */
export function changeContext(db: Db): ChangeContext {
  const sites = new Map<string, Promise<Site>>();
  const users = new Map<string, Promise<boolean>>();
  const site = (siteId: string): Promise<Site> => {
    let known = sites.get(siteId);
    if (!known) sites.set(siteId, (known = siteById(db, siteId)));
    return known;
  };
  return {
    site,
    async departments(siteId) {
      return (await site(siteId)).settings.departments ?? DEFAULT_DEPARTMENTS;
    },
    userExists(id) {
      let exists = users.get(id);
      if (!exists) users.set(id, (exists = db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst().then(Boolean)));
      return exists;
    },
  };
}

/**
 * Checks a desk change — classification (kind, product), routing (department), assignment and
 * status — against the lifecycle and the site, and answers what it sets and one timeline event
 * per kind of change (only status changes are public). Throws the ApiError of the first check
 * that fails; writes nothing.
 */
export async function planChange(row: SubmissionRow, patch: DeskPatch, context: ChangeContext, now: string): Promise<ChangePlan> {
  const set: Updateable<SubmissionTable> = {};
  const changes: ChangePlan['changes'] = [];

  if ((patch.kind && patch.kind !== row.kind) || (patch.product !== undefined && patch.product !== row.product)) {
    if (patch.kind) set.kind = patch.kind;
    if (patch.product !== undefined) set.product = patch.product;
    if (patch.kind && patch.kind !== row.kind) {
      // Another kind, other targets: both clocks count again from receipt with the new kind's.
      const site = await context.site(row.site_id);
      const receivedAt = new Date(row.received_at);
      set.expected_response_by = firstResponseDue(site, patch.kind, receivedAt).toISOString();
      set.resolution_due_by = resolutionDue(site, patch.kind, receivedAt).toISOString();
    }
    changes.push({ type: 'classification', public: false, data: { kind: patch.kind ?? row.kind, product: patch.product ?? row.product } });
  }
  if (patch.department !== undefined && patch.department !== row.department) {
    const known = await context.departments(row.site_id);
    if (!known.includes(patch.department)) throw errors.invalid(`"department" must be one of: ${known.join(', ')}`, 'department');
    set.department = patch.department;
    changes.push({ type: 'routing', public: false, data: { from: row.department, to: patch.department } });
  }
  if (patch.assigneeId !== undefined && patch.assigneeId !== row.assignee_id) {
    if (patch.assigneeId !== null && !(await context.userExists(patch.assigneeId))) throw errors.invalid(`No user has id ${patch.assigneeId}`, 'assigneeId');
    set.assignee_id = patch.assigneeId;
    changes.push({ type: 'assignment', public: false, data: { from: row.assignee_id, to: patch.assigneeId } });
  }
  const from = row.status;
  const to = patch.status;
  if (to && to !== from) {
    if (!canTransition(from, to)) throw errors.invalidTransition(from, to, TRANSITIONS[from]);
    if (to === 'closed' && !patch.reason) throw errors.invalid('Closing needs a "reason" the timeline keeps', 'reason');
    set.status = to;
    if (to === 'resolved') {
      set.resolved_at = now;
      set.resolution_met = resolutionMet(row, now, await context.site(row.site_id));
    }
    if (to === 'reopened') {
      // Back in work: the resolution clock starts again, in business hours, from now.
      Object.assign(set, REOPENED, { resolution_due_by: resolutionDue(await context.site(row.site_id), row.kind, new Date(now)).toISOString() });
    }
    if (to === 'closed') set.closed_reason = patch.reason ?? null;
    changes.push({ type: 'status', public: true, data: { from, to, ...(patch.reason ? { reason: patch.reason } : {}) } });
  }
  return { set, changes };
}

/** Queues what a change tells the outside once it is made: the resolution email, the webhooks of routing, assignment and status. */
export async function queueChangeNotifications(unit: UnitOfWork, row: SubmissionRow, updated: SubmissionRow, set: ChangePlan['set']): Promise<void> {
  if (set.status === 'resolved') await queueResolvedEmail(unit, updated);
  const department = updated.department;
  if (set.department) await queueWebhookCalls(unit, row, set.department, 'submission.routed', toDeskSubmission(updated));
  if (set.assignee_id !== undefined) await queueWebhookCalls(unit, updated, department, 'submission.assigned', toDeskSubmission(updated));
  if (set.status) await queueWebhookCalls(unit, updated, department, 'submission.status', { submission: toDeskSubmission(updated), from: row.status, to: set.status });
}

/**
 * Applies a desk change to one submission ({@link planChange} says what it does) and records its
 * timeline events.
 */
export async function changeSubmission(unit: UnitOfWork, id: string, patch: DeskPatch, user: User): Promise<DeskChange> {
  const trx = unit.db;
  const row = await findRow(trx, id, user);
  const now = new Date().toISOString();
  const { set, changes } = await planChange(row, patch, changeContext(trx), now);
  if (changes.length === 0) return { submission: toDeskSubmission(row) };

  const updated = await trx
    .updateTable('submissions')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  let last: DeskEvent | undefined;
  for (const change of changes) {
    last = toDeskEvent(await unit.appendEvent({ ...change, submission: updated, author: 'staff', actor: user, at: now }));
  }
  await queueChangeNotifications(unit, row, updated, set);
  return { submission: toDeskSubmission(updated), ...(last ? { event: last } : {}) };
}

/**
 * Adds staff's text to a submission: a public `reply` the shopper sees (and the first response is
 * timed by), or an internal `note` only staff see.
 */
export async function addReplyOrNote(
  unit: UnitOfWork,
  id: string,
  type: 'reply' | 'note',
  input: { text: string; seenEventId?: number | undefined },
  user: User,
): Promise<DeskChange> {
  const { text, seenEventId } = input;
  const row = await findRow(unit.db, id, user);
  // Two people answering the same thing: what the writer had not seen stops this one.
  if (seenEventId !== undefined) {
    const newer = await unit.db
      .selectFrom('events')
      .select(['type', 'actor_name'])
      .where('submission_id', '=', id)
      .where('id', '>', seenEventId)
      .where('type', 'in', ['reply', 'note', 'message'])
      .orderBy('id')
      .$narrowType<{ type: 'reply' | 'note' | 'message' }>()
      .executeTakeFirst();
    if (newer) throw errors.stale(newer.type === 'message' ? 'the shopper' : (newer.actor_name ?? 'someone'), newer.type);
  }
  const now = new Date().toISOString();
  const isReply = type === 'reply';
  const updated = isReply
    ? await unit.db
        .updateTable('submissions')
        .set({ awaiting: 'reporter', updated_at: now, first_response_at: row.first_response_at ?? now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow()
    : row;
  const event = await unit.appendEvent({ type, submission: updated, author: 'staff', actor: user, public: isReply, text, at: now });
  if (isReply) {
    await queueReplyEmail(unit, updated, text);
    await queueWebhookCalls(unit, updated, updated.department, 'submission.reply', { submission: toDeskSubmission(updated), text, by: user.name });
  }
  return { submission: toDeskSubmission(updated), event: toDeskEvent(event) };
}

/** Marks a submission as an improvement for a department and tells that department's webhooks. */
export async function addImprovement(unit: UnitOfWork, id: string, input: ImprovementInput, user: User): Promise<DeskChange> {
  const row = await findRow(unit.db, id, user);
  const known = await departmentsOf(unit.db, row.site_id);
  if (!known.includes(input.department)) throw errors.invalid(`"department" must be one of: ${known.join(', ')}`, 'department');
  const event = await unit.appendEvent({
    type: 'improvement',
    submission: row,
    author: 'staff',
    actor: user,
    public: false,
    text: input.text,
    data: { department: input.department },
  });
  const submission = toDeskSubmission(row);
  await queueWebhookCalls(unit, row, input.department, 'improvement.created', { submission, department: input.department, text: input.text });
  return { submission, event: toDeskEvent(event) };
}
