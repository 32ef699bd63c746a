import type { DeskSubmission, InboxQuery, InboxSort, InboxView } from '@sori/protocol';
import { SOON_MS } from '../ui/sla.js';

/** The server-side filters a person can set on top of a saved view. */
export type InboxFilters = {
  [K in 'q' | 'status' | 'kind' | 'department' | 'assignee' | 'product' | 'sla' | 'spam' | 'contactPreference' | 'siteId']?: InboxQuery[K] | undefined;
};

/** What each saved view asks the server for; `/v1/desk/submissions/counts` counts the same sets. */
export const VIEW_QUERIES: Readonly<Record<InboxView, InboxQuery>> = {
  all: { open: true, spam: false },
  mine: { open: true, assignee: 'me' },
  unassigned: { open: true, assignee: 'none', spam: false },
  due_soon: { open: true, sla: 'due_soon', spam: false },
  breached: { open: true, sla: 'breached', spam: false },
  call_back: { open: true, contactPreference: 'phone', spam: false },
  spam: { open: true, spam: true },
};

/**
 * The saved views in the order they are listed. Spelled from {@link VIEW_QUERIES}'s keys (typed
 * against the protocol's `InboxView`): `INBOX_VIEWS` lives beside TypeBox in the protocol's
 * inbox.ts, which the browser must not load.
 */
// Object.keys forgets the keys' type; the Record makes them exactly InboxView.
export const VIEWS = Object.keys(VIEW_QUERIES) as InboxView[];

/** The sorts, in the order they are offered; `Record` keeps the list whole against `InboxSort`. */
export const SORTS = Object.keys({ due: 0, oldest: 0, newest: 0 } satisfies Record<InboxSort, 0>) as InboxSort[];

/** The query of one view with the person's filters on top (a filter set to a value wins over the view's). */
export function queryOf(view: InboxView, filters: InboxFilters, sort: InboxSort): InboxQuery {
  const query: InboxQuery = { ...VIEW_QUERIES[view], sort };
  // Object.entries forgets the keys' type; they are InboxFilters' own.
  for (const [key, value] of Object.entries(filters) as Array<[keyof InboxFilters, InboxFilters[keyof InboxFilters]]>) {
    if (value !== undefined && value !== '') Object.assign(query, { [key]: value });
  }
  // A chosen status may be resolved or closed: then "open only" would hide everything.
  if (query.status === 'resolved' || query.status === 'closed') delete query.open;
  return query;
}

/** The inbox filters the analysis drills down with: only the server decides them. */
const DRILL_KEYS = ['from', 'to', 'segment', 'firstResponse', 'score', 'without'] as const;
/** The filters of a drill-down link besides them. */
const DRILL_EXTRA = ['kind', 'department', 'product', 'assignee', 'siteId'] as const;

/**
 * The inbox query of a drill-down link from the analysis (`?from=…&to=…&segment=resolved_late`),
 * taken exactly as the figure gave it — no view, no "open only" — or `undefined` when the URL
 * holds none.
 */
export function drillQuery(params: Readonly<Record<string, string | undefined>>): InboxQuery | undefined {
  if (!DRILL_KEYS.some((key) => params[key])) return undefined;
  const query: Record<string, string | number> = {};
  for (const key of [...DRILL_KEYS, ...DRILL_EXTRA]) {
    const value = params[key];
    if (value) query[key] = key === 'score' ? Number(value) : value;
  }
  // Built from the protocol's own key names; the values are checked by the server, which answers 400 for a bad one.
  return query as InboxQuery;
}

const OPEN = (s: DeskSubmission) => s.status !== 'resolved' && s.status !== 'closed';

/**
 * Whether a submission that changed live belongs in the list of `query`, decided here the way
 * the server decides it, so a new submission can be put in place without asking again.
 * `unknown` when only the server can tell (text search).
 */
export function matches(s: DeskSubmission, query: InboxQuery, me: string | undefined, now: number): boolean | 'unknown' {
  if (DRILL_KEYS.some((key) => query[key] !== undefined)) return 'unknown';
  if (query.open && !OPEN(s)) return false;
  if (query.status && s.status !== query.status) return false;
  if (query.kind && s.kind !== query.kind) return false;
  if (query.department && s.department !== query.department) return false;
  if (query.product && s.product !== query.product) return false;
  if (query.siteId && s.siteId !== query.siteId) return false;
  if (query.spam !== undefined && Boolean(s.spamReason) !== query.spam) return false;
  if (query.contactPreference && (s.contact?.preference ?? 'widget') !== query.contactPreference) return false;
  if (query.assignee) {
    const wanted = query.assignee === 'me' ? me : query.assignee === 'none' ? undefined : query.assignee;
    if ((s.assigneeId ?? undefined) !== wanted) return false;
  }
  if (query.sla) {
    const left = Date.parse(s.expectedResponseBy) - now;
    // An answer is owed: the submission is open and the next word is staff's.
    const waiting = s.awaiting === 'staff' && OPEN(s);
    if (query.sla === 'breached' && !(waiting && left < 0)) return false;
    if (query.sla === 'due_soon' && !(waiting && left >= 0 && left < SOON_MS)) return false;
    // The resolution clock runs while the submission is open, whoever speaks next.
    const resolveLeft = s.resolutionDueBy && OPEN(s) ? Date.parse(s.resolutionDueBy) - now : undefined;
    if (query.sla === 'resolution_breached' && !(resolveLeft !== undefined && resolveLeft < 0)) return false;
    if (query.sla === 'resolution_due_soon' && !(resolveLeft !== undefined && resolveLeft >= 0 && resolveLeft < SOON_MS)) return false;
  }
  return query.q ? 'unknown' : true;
}

const time = (iso: string | undefined) => (iso ? Date.parse(iso) : Number.POSITIVE_INFINITY);

/**
 * The order of the inbox, as the server sorts it: `due` puts the submissions owed an answer
 * first by its deadline, then those waiting on the shopper oldest first; `oldest` and `newest`
 * by receipt. Ties go by id, so the order is total (keyset paging needs that too).
 */
export function compareFor(sort: InboxSort): (a: DeskSubmission, b: DeskSubmission) => number {
  const byId = (a: DeskSubmission, b: DeskSubmission) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  if (sort === 'newest') return (a, b) => time(b.receivedAt) - time(a.receivedAt) || byId(a, b);
  if (sort === 'oldest') return (a, b) => time(a.receivedAt) - time(b.receivedAt) || byId(a, b);
  const owed = (s: DeskSubmission) => (s.awaiting === 'staff' ? 0 : 1);
  return (a, b) =>
    owed(a) - owed(b) ||
    (owed(a) ? 0 : time(a.expectedResponseBy) - time(b.expectedResponseBy)) ||
    time(a.receivedAt) - time(b.receivedAt) ||
    byId(a, b);
}
