import { batch, computed, signal } from '@preact/signals';
import type { DeskSubmission, InboxCounts, InboxQuery, InboxSort, InboxView, StaffEvent } from '@sori/protocol';
import { isDeskError } from '../api/desk-error.js';
import { currentUser } from '../api/session.js';
import { t } from '../i18n/i18n.js';
import { onReset, onStaffEvent } from '../live/live-store.js';
import { announce } from '../ui/announce.js';
import { storage } from '../ui/storage.js';
import { fetchCounts, listSubmissions } from './inbox-api.js';
import { queryOf, type InboxFilters } from './inbox-query.js';
import { mergeRows } from './merge-rows.js';

/**
 * The inbox's state, kept while the person opens a submission and comes back: the view, the
 * filters and sort (view and sort kept on this device), the loaded pages, and the rows the live
 * store changes in place or inserts where the sort puts them.
 */

const KEY = 'sori.console.inbox';
const kept = storage.get<{ view?: InboxView; sort?: InboxSort }>(KEY) ?? {};
/** Rows per page. */
export const PAGE_SIZE = 50;

export const view = signal<InboxView>(kept.view ?? 'all');
export const filters = signal<InboxFilters>({});
export const sort = signal<InboxSort>(kept.sort ?? 'due');
/** The loaded rows, in the list's order. */
export const rows = signal<readonly DeskSubmission[]>([]);
/** Rows that changed live and left the view: kept in place (no jumps under the cursor), marked. */
export const gone = signal<ReadonlySet<string>>(new Set());
export const nextCursor = signal<string | undefined>(undefined);
export const loading = signal<'idle' | 'first' | 'more'>('idle');
export const loadError = signal<string | undefined>(undefined);
export const counts = signal<InboxCounts['counts'] | undefined>(undefined);
/** The row j/k is on. */
export const focused = signal(0);

/** A drill-down from the analysis: exactly these submissions, instead of a view and filters. */
export const drill = signal<InboxQuery | undefined>(undefined);

/** The query the list was loaded with. */
export const inboxQuery = computed(() => {
  const d = drill.value;
  return d ? { ...d, sort: sort.value } : queryOf(view.value, filters.value, sort.value);
});

/** Lists the submissions behind a figure of the analysis (`undefined`: back to the views), from the first page. */
export function setDrill(next: InboxQuery | undefined): void {
  if (JSON.stringify(next) === JSON.stringify(drill.peek())) return;
  drill.value = next;
  void loadFirstPage();
}

let loadedFor: string | undefined;
let token = 0;
// Live events that came while a first page was on its way: applied once it is in.
let held: DeskSubmission[] | undefined;

function keep(): void {
  storage.set(KEY, { view: view.peek(), sort: sort.peek() });
}

/** Shows one saved view (kept), from its first page. */
export function setView(next: InboxView): void {
  drill.value = undefined;
  view.value = next;
  keep();
  void loadFirstPage();
}

/** Changes the filters, from the first page. */
export function setFilters(next: InboxFilters): void {
  filters.value = next;
  void loadFirstPage();
}

/** Changes the sort (kept), from the first page. */
export function setSort(next: InboxSort): void {
  sort.value = next;
  keep();
  void loadFirstPage();
}

const message = (error: unknown) => (isDeskError(error, 'network') ? t().app.network : error instanceof Error ? error.message : String(error));

/** Loads the first page of the current query; replaces the list. */
export async function loadFirstPage(): Promise<void> {
  const run = ++token;
  loadedFor = currentUser.peek()?.id;
  held = [];
  loading.value = 'first';
  loadError.value = undefined;
  void refreshCounts();
  try {
    const page = await listSubmissions({ ...inboxQuery.peek(), limit: PAGE_SIZE });
    if (run !== token) return;
    batch(() => {
      rows.value = page.submissions;
      nextCursor.value = page.nextCursor;
      gone.value = new Set();
      focused.value = Math.min(focused.peek(), Math.max(0, page.submissions.length - 1));
    });
    const late = held ?? [];
    held = undefined;
    apply(late);
  } catch (error) {
    if (run === token) loadError.value = message(error);
  } finally {
    if (run === token) loading.value = 'idle';
  }
}

/** Loads the first page unless this user's list is already here (coming back from a submission). */
export function ensureLoaded(): void {
  if (loadedFor !== currentUser.peek()?.id || (!rows.peek().length && loading.peek() === 'idle' && !loadError.peek())) void loadFirstPage();
}

/** Appends the next page (keyset cursor, same query). */
export async function loadMore(): Promise<void> {
  const cursor = nextCursor.peek();
  if (!cursor || loading.peek() !== 'idle') return;
  const run = token;
  loading.value = 'more';
  try {
    const page = await listSubmissions({ ...inboxQuery.peek(), limit: PAGE_SIZE, cursor });
    if (run !== token) return;
    const have = new Set(rows.peek().map((row) => row.id));
    batch(() => {
      rows.value = [...rows.peek(), ...page.submissions.filter((row) => !have.has(row.id))];
      nextCursor.value = page.nextCursor;
    });
  } catch (error) {
    if (run === token) loadError.value = message(error);
  } finally {
    if (run === token) loading.value = 'idle';
  }
}

let countsTimer: ReturnType<typeof setTimeout> | undefined;

/** Asks for the views' counts again (at most every few seconds while events pour in). */
export async function refreshCounts(): Promise<void> {
  clearTimeout(countsTimer);
  countsTimer = undefined;
  try {
    counts.value = (await fetchCounts()).counts;
  } catch (error) {
    // Counts are a guide; the list is what matters, and it says its own errors.
    console.warn('Sori console: could not load the counts', error);
  }
}

function refreshCountsSoon(): void {
  countsTimer ??= setTimeout(() => void refreshCounts(), 3000);
}

/**
 * Applies changed submissions (from live events or this console's own changes) to the loaded
 * rows in one pass (see {@link mergeRows}), and says how many arrived.
 */
export function apply(changed: readonly DeskSubmission[]): void {
  if (!changed.length) return;
  if (held) return void held.push(...changed);
  const merged = mergeRows({ rows: rows.peek(), gone: gone.peek(), focused: focused.peek(), more: Boolean(nextCursor.peek()) }, changed, inboxQuery.peek(), currentUser.peek()?.id, Date.now());
  batch(() => {
    rows.value = merged.rows;
    gone.value = merged.gone;
    focused.value = merged.focused;
  });
  if (merged.arrived) announce(t().live.arrived(merged.arrived));
  refreshCountsSoon();
}

// Events come one SSE message at a time; a bulk change of thousands would redraw the list
// thousands of times. They are gathered and applied together at most every 100 ms.
let queue: StaffEvent[] = [];
let flush: ReturnType<typeof setTimeout> | undefined;
onStaffEvent((event) => {
  queue.push(event);
  flush ??= setTimeout(() => {
    flush = undefined;
    const batchOf = queue;
    queue = [];
    apply(batchOf.map((event) => event.submission));
  }, 100);
});
onReset(() => void loadFirstPage());

/** Forgets the loaded list (on sign-out: another person's queue must not linger in memory). */
export function resetInboxStore(): void {
  token++;
  held = undefined;
  loadedFor = undefined;
  queue = [];
  clearTimeout(flush);
  flush = undefined;
  clearTimeout(countsTimer);
  countsTimer = undefined;
  batch(() => {
    rows.value = [];
    gone.value = new Set();
    nextCursor.value = undefined;
    loading.value = 'idle';
    loadError.value = undefined;
    counts.value = undefined;
    focused.value = 0;
    filters.value = {};
    drill.value = undefined;
  });
}
