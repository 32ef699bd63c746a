import type { DeskList, InboxCounts, InboxQuery, InboxSort, InboxView, SlaFilter } from '@sori/protocol';
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Dialect } from '../db/database.js';
import { errors } from '../errors.js';
import { drillDownFilter } from './drill-down.js';
import { toDeskSubmission, type SubmissionRow } from './submissions.js';
import { inUserSites } from './site-scope.js';
import type { User } from './users.js';

type Eb = ExpressionBuilder<Database, 'submissions'>;

/** Minutes before its due time that a submission counts as "due soon". */
export const DUE_SOON_MINUTES = 60;

const DONE = ['resolved', 'closed'] as const;

/** Open: not resolved, not closed. */
const open = (eb: Eb) => eb('status', 'not in', [...DONE]);
/** Staff owe the shopper an answer: open, and the shopper spoke last. */
const owed = (eb: Eb) => eb.and([open(eb), eb('awaiting', '=', 'staff')]);

/**
 * "Due first": submissions staff owe an answer come first, the soonest due (or longest overdue)
 * first; the others (answered and waiting for the shopper, resolved, closed) after them, oldest
 * received first. The rank and the time a row is ordered by, as SQL.
 */
const owedRank = (eb: Eb) => eb.case().when(owed(eb)).then(0).else(1).end();
const dueKey = (eb: Eb) => eb.case().when(owed(eb)).then(eb.ref('expected_response_by')).else(eb.ref('received_at')).end();

const isOwed = (row: SubmissionRow): boolean => !DONE.includes(row.status as (typeof DONE)[number]) && row.awaiting === 'staff';

/** The keyset of each sort: the columns a page is ordered by and a cursor continues after. */
interface Keyset {
  /** Values of the row a page ended with, as the cursor carries them. */
  of(row: SubmissionRow): Array<string | number>;
  /** Rows after `after` in this order. */
  after(eb: Eb, after: string[]): Expression<SqlBool>;
  order: (q: ReturnType<typeof base>) => ReturnType<typeof base>;
}

const base = (db: Kysely<Database>) => db.selectFrom('submissions').selectAll();

const KEYSETS: Record<InboxSort, Keyset> = {
  due: {
    of: (row) => (isOwed(row) ? [0, row.expected_response_by, row.id] : [1, row.received_at, row.id]),
    after: (eb, [r = '0', at = '', id = '']) =>
      eb.or([
        eb(owedRank(eb), '>', Number(r)),
        eb.and([eb(owedRank(eb), '=', Number(r)), eb.or([eb(dueKey(eb), '>', at), eb.and([eb(dueKey(eb), '=', at), eb('id', '>', id)])])]),
      ]),
    order: (q) => q.orderBy(owedRank).orderBy(dueKey).orderBy('id'),
  },
  oldest: {
    of: (row) => [row.received_at, row.id],
    after: (eb, [at = '', id = '']) => eb.or([eb('received_at', '>', at), eb.and([eb('received_at', '=', at), eb('id', '>', id)])]),
    order: (q) => q.orderBy('received_at').orderBy('id'),
  },
  newest: {
    of: (row) => [row.received_at, row.id],
    after: (eb, [at = '', id = '']) => eb.or([eb('received_at', '<', at), eb.and([eb('received_at', '=', at), eb('id', '<', id)])]),
    order: (q) => q.orderBy('received_at', 'desc').orderBy('id', 'desc'),
  },
};

function encodeCursor(sort: InboxSort, values: Array<string | number>): string {
  return Buffer.from(JSON.stringify([sort, ...values])).toString('base64url');
}

function decodeCursor(sort: InboxSort, cursor: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed[0] !== sort || !parsed.slice(1).every((v) => typeof v === 'string' || typeof v === 'number')) {
    throw errors.invalid(`"cursor" is not a cursor this API gave out for sort "${sort}"`, 'cursor');
  }
  return parsed.slice(1).map(String);
}

/**
 * The filter of one view of the inbox (each over open submissions), for `user`. Submissions the
 * intake flagged as likely spam have a view of their own and stay out of the others but "mine"
 * (someone took it on, so it is theirs).
 */
function viewFilter(view: InboxView, user: User, now: Date): (eb: Eb) => Expression<SqlBool> {
  const clean = (eb: Eb) => eb.and([open(eb), eb('spam_reason', 'is', null)]);
  switch (view) {
    case 'all':
      return clean;
    case 'mine':
      return (eb) => eb.and([open(eb), eb('assignee_id', '=', user.id)]);
    case 'unassigned':
      return (eb) => eb.and([clean(eb), eb('assignee_id', 'is', null)]);
    case 'breached':
    case 'due_soon':
      return (eb) => eb.and([clean(eb), slaFilter(view, now)(eb)]);
    case 'call_back':
      return (eb) => eb.and([clean(eb), eb('contact_preference', '=', 'phone')]);
    case 'spam':
      return (eb) => eb.and([open(eb), eb('spam_reason', 'is not', null)]);
  }
}

/**
 * The SLA filters of the list, without the views' other conditions. First response: an answer
 * owed, by `expected_response_by`; resolution: open, by `resolution_due_by`. Both due times were
 * counted in the site's business hours when they were set.
 */
function slaFilter(sla: SlaFilter, now: Date): (eb: Eb) => Expression<SqlBool> {
  const at = now.toISOString();
  const soon = new Date(now.getTime() + DUE_SOON_MINUTES * 60_000).toISOString();
  switch (sla) {
    case 'breached':
      return (eb) => eb.and([owed(eb), eb('expected_response_by', '<', at)]);
    case 'due_soon':
      return (eb) => eb.and([owed(eb), eb('expected_response_by', '>=', at), eb('expected_response_by', '<', soon)]);
    case 'resolution_breached':
      return (eb) => eb.and([open(eb), eb('resolution_due_by', '<', at)]);
    case 'resolution_due_soon':
      return (eb) => eb.and([open(eb), eb('resolution_due_by', '>=', at), eb('resolution_due_by', '<', soon)]);
  }
}

/** Lowercased LIKE: LIKE is case-insensitive in SQLite but not in PostgreSQL. */
function search(eb: Eb, q: string): Expression<SqlBool> {
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const like = (column: 'message' | 'tracking_number' | 'order_ref' | 'contact') => eb(eb.fn('lower', [column]), 'like', eb.val(pattern));
  // The contact (JSON) holds the email address and the phone number.
  return eb.or([like('message'), like('tracking_number'), like('order_ref'), like('contact')]);
}

/**
 * One keyset page of the inbox: server-side filters, text search (message, tracking number, order
 * number, email, phone) and a sort — what is due first (default), oldest waiting, or newest.
 * Reads one page and one row more; counts nothing.
 */
export async function listInbox(
  db: Kysely<Database>,
  query: InboxQuery,
  user: User,
  now = new Date(),
  dialect: Dialect = 'sqlite',
): Promise<DeskList> {
  const limit = query.limit ?? 50;
  const sort = query.sort ?? 'due';
  const keyset = KEYSETS[sort];
  let q = base(db).where(inUserSites(user));
  if (query.open) q = q.where(open);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.kind) q = q.where('kind', '=', query.kind);
  if (query.department) q = q.where('department', '=', query.department);
  if (query.product) q = q.where('product', '=', query.product);
  if (query.siteId) q = q.where('site_id', '=', query.siteId);
  if (query.contactPreference) q = q.where('contact_preference', '=', query.contactPreference);
  if (query.assignee) {
    const assignee = query.assignee;
    q = assignee === 'none' ? q.where('assignee_id', 'is', null) : q.where('assignee_id', '=', assignee === 'me' ? user.id : assignee);
  }
  if (query.spam !== undefined) q = q.where('spam_reason', query.spam ? 'is not' : 'is', null);
  if (query.sla) q = q.where(slaFilter(query.sla, now));
  const drill = drillDownFilter(query, dialect);
  if (drill) q = q.where(drill);
  if (query.q) {
    const text = query.q;
    q = q.where((eb) => search(eb, text));
  }
  if (query.cursor) {
    const after = decodeCursor(sort, query.cursor);
    q = q.where((eb) => keyset.after(eb, after));
  }
  const rows = await keyset.order(q).limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    submissions: page.map(toDeskSubmission),
    ...(rows.length > limit && last ? { nextCursor: encodeCursor(sort, keyset.of(last)) } : {}),
  };
}

/** How many open submissions each view of the inbox holds, for `user`, in one query over open rows. */
export async function inboxCounts(db: Kysely<Database>, user: User, now = new Date()): Promise<InboxCounts> {
  const views = ['all', 'mine', 'unassigned', 'due_soon', 'breached', 'call_back', 'spam'] as const satisfies readonly InboxView[];
  const row = await db
    .selectFrom('submissions')
    .where(open)
    .where(inUserSites(user))
    .select((eb) => views.map((view) => eb.fn.sum<number>(eb.case().when(viewFilter(view, user, now)(eb)).then(1).else(0).end()).as(view)))
    .executeTakeFirst();
  // One entry per view, which is what the record type says; `fromEntries` cannot know it.
  const counts = Object.fromEntries(views.map((view) => [view, Number(row?.[view] ?? 0)])) as InboxCounts['counts'];
  return { counts, at: now.toISOString() };
}
