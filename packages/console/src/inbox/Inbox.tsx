import { canTransition } from '@sori/protocol/constants';
import type { DeskSubmission } from '@sori/protocol';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { isDeskError } from '../api/desk-error.js';
import { currentUser } from '../api/session.js';
import { t } from '../i18n/i18n.js';
import { paths } from '../paths.js';
import { type Action, useActions } from '../shortcuts/registry.js';
import { patchSubmission } from '../submission/submission-api.js';
import { announce } from '../ui/announce.js';
import { BulkBar } from './BulkBar.js';
import { Filters } from './Filters.js';
import { drillQuery, VIEWS } from './inbox-query.js';
import { apply, drill, ensureLoaded, focused, gone, loadError, loadFirstPage, loadMore, loading, nextCursor, rows, setDrill, setView } from './inbox-store.js';
import { selectAll, selectRange, selected, toggle } from './selection.js';
import { SubmissionRow } from './SubmissionRow.js';
import { ViewList } from './ViewList.js';
import './inbox.css';

/** Moves the j/k cursor and the keyboard focus to row `index`. */
function focusRow(index: number): void {
  const list = rows.peek();
  if (!list.length) return;
  focused.value = Math.max(0, Math.min(index, list.length - 1));
  const row = list[focused.value];
  if (row) document.getElementById(`row-${row.id}`)?.focus();
}

/** Applies one change to the focused row and says how it went. */
async function changeFocused(patch: Parameters<typeof patchSubmission>[1], done: string): Promise<void> {
  const row = rows.peek()[focused.peek()];
  if (!row) return;
  try {
    const { submission } = await patchSubmission(row.id, patch);
    apply([submission]);
    announce(done);
  } catch (error) {
    announce(t().app.failed(isDeskError(error) ? error.message : String(error)));
  }
}

/** The inbox: saved views with counts, filters and sort, the live list, keyset paging and bulk changes. */
export function Inbox() {
  const { route, query } = useLocation();
  const fromAnalysis = drillQuery(query);
  useEffect(() => {
    // A link from the analysis lists exactly its submissions; the plain inbox goes back to the views.
    if (fromAnalysis || drill.peek()) setDrill(fromAnalysis);
    ensureLoaded();
  }, [JSON.stringify(fromAnalysis)]);
  // Coming back from a submission: the focus goes back to the row one was on.
  useEffect(() => {
    const row = rows.peek()[focused.peek()];
    if (row && document.activeElement === document.body) document.getElementById(`row-${row.id}`)?.focus();
  }, []);

  useActions((): Action[] => {
    const focusedRow = (): DeskSubmission | undefined => rows.peek()[focused.peek()];
    return [
      { id: 'list.next', group: 'list', keys: 'j', label: () => t().shortcuts.actions.next, run: () => focusRow(focused.peek() + 1) },
      { id: 'list.previous', group: 'list', keys: 'k', label: () => t().shortcuts.actions.previous, run: () => focusRow(focused.peek() - 1) },
      {
        id: 'list.open',
        group: 'list',
        keys: 'Enter',
        inPalette: false,
        label: () => t().shortcuts.actions.open,
        run: () => {
          const row = focusedRow();
          if (row) route(paths.submission(row.id));
        },
      },
      {
        id: 'list.assignToMe',
        group: 'list',
        keys: 'a',
        label: () => t().shortcuts.actions.assignToMe,
        run: () => {
          const me = currentUser.peek();
          if (me) void changeFocused({ assigneeId: me.id }, t().submission.changed);
        },
      },
      {
        id: 'list.resolve',
        group: 'list',
        keys: 'e',
        label: () => t().shortcuts.actions.resolve,
        run: () => {
          const row = focusedRow();
          if (row && canTransition(row.status, 'resolved')) void changeFocused({ status: 'resolved' }, t().statuses.resolved);
        },
      },
      {
        id: 'list.select',
        group: 'list',
        keys: 'x',
        label: () => t().shortcuts.actions.select,
        run: () => {
          const row = focusedRow();
          if (row) toggle(row.id);
        },
      },
      { id: 'list.selectAll', group: 'list', label: () => t().shortcuts.actions.selectAll, run: () => selectAll(rows.peek().map((r) => r.id)) },
      { id: 'list.loadMore', group: 'list', label: () => t().shortcuts.actions.loadMore, run: () => void loadMore() },
      ...VIEWS.map((name) => ({ id: `list.view.${name}`, group: 'list' as const, label: () => t().shortcuts.actions.view(t().inbox.viewNames[name]), run: () => setView(name) })),
    ];
  }, []);

  const s = t().inbox;
  const list = rows.value;
  const ids = list.map((row) => row.id);
  const picked = selected.value;
  return (
    <div class="inbox">
      <ViewList />
      <section class="inbox__main" aria-labelledby="inbox-heading">
        <h1 id="inbox-heading">{s.heading}</h1>
        {drill.value ? (
          <p class="inbox__drill" role="status">
            {t().analysis.drilled}{' '}
            <a class="button" href={paths.inbox} onClick={() => setDrill(undefined)}>
              {t().analysis.clearDrill}
            </a>
          </p>
        ) : (
          <Filters />
        )}
        <div class="inbox__bar">
          <label class="inbox__all">
            <input
              type="checkbox"
              checked={list.length > 0 && list.every((row) => picked.has(row.id))}
              onChange={(e) => (e.currentTarget.checked ? selectAll(ids) : selectAll([]))}
            />
            {s.selectAll}
          </label>
          <span class="muted">{s.shown(list.length, Boolean(nextCursor.value))}</span>
        </div>
        {loadError.value && (
          <p class="error" role="alert">
            {t().app.failed(loadError.value)}{' '}
            <button type="button" class="button" onClick={() => void loadFirstPage()}>
              {t().app.retry}
            </button>
          </p>
        )}
        {loading.value === 'first' && !list.length && <p role="status">{s.loading}</p>}
        {loading.value !== 'first' && !list.length && !loadError.value && <p class="inbox__empty">{s.empty}</p>}
        <ol class="inbox__list" aria-label={s.list} aria-busy={loading.value === 'first'}>
          {list.map((row, index) => (
            <SubmissionRow
              key={row.id}
              submission={row}
              focused={index === focused.value}
              selected={picked.has(row.id)}
              gone={gone.value.has(row.id)}
              onFocus={() => (focused.value = index)}
              onSelect={(id, range) => (range ? selectRange(id, ids) : toggle(id))}
            />
          ))}
        </ol>
        {nextCursor.value && (
          <button type="button" class="button inbox__more" disabled={loading.value !== 'idle'} onClick={() => void loadMore()}>
            {loading.value === 'more' ? s.loading : s.loadMore}
          </button>
        )}
        <BulkBar />
      </section>
    </div>
  );
}
