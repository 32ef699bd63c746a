import type { BulkResult, DeskPatch } from '@sori/protocol';
import { STATUSES } from '@sori/protocol/constants';
import { useState } from 'preact/hooks';
import { allDepartments, users } from '../api/directory.js';
import { currentUser } from '../api/session.js';
import { isDeskError } from '../api/desk-error.js';
import { t } from '../i18n/i18n.js';
import { announce } from '../ui/announce.js';
import { departmentName } from '../ui/names.js';
import { bulkChange } from './inbox-api.js';
import { loadFirstPage, refreshCounts, rows } from './inbox-store.js';
import { clearSelection, selected } from './selection.js';

type Change = 'assign' | 'route' | 'status' | 'close';

/** The change a bulk form describes, or `undefined` while it is incomplete. */
function patchOf(change: Change, value: string, reason: string): DeskPatch | undefined {
  if (change === 'assign') return value ? { assigneeId: value === 'none' ? null : value } : undefined;
  if (change === 'route') return value ? { department: value } : undefined;
  if (change === 'status') {
    const status = STATUSES.find((x) => x === value);
    return status ? { status } : undefined;
  }
  return reason.trim() ? { status: 'closed', reason: reason.trim() } : undefined;
}

/**
 * Changes every selected submission at once: assign, route, set status or close with a reason,
 * in ONE request whatever the number, then says what changed and what failed (and why). The
 * failed ones stay selected so they can be dealt with.
 */
export function BulkBar() {
  const [change, setChange] = useState<Change>('assign');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BulkResult | undefined>();
  const [error, setError] = useState<string | undefined>();
  const s = t();
  const count = selected.value.size;
  if (!count && !result) return null;
  const patch = patchOf(change, value, reason);
  const me = currentUser.value;

  async function apply(event: Event) {
    event.preventDefault();
    if (!patch) return;
    setBusy(true);
    setError(undefined);
    try {
      const outcome = await bulkChange({ ids: [...selected.peek()], change: patch });
      setResult(outcome);
      announce(s.bulk.result(outcome.changed, outcome.unchanged, outcome.failed.length));
      clearSelection(outcome.failed.map((f) => f.id));
      void refreshCounts();
      // Rows also change live as the events arrive; the first page is asked again so that rows
      // that left the view go.
      void loadFirstPage();
    } catch (failure) {
      setError(isDeskError(failure) ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  const tracking = (id: string) => rows.value.find((row) => row.id === id)?.trackingNumber ?? id;
  return (
    <section class="bulk" aria-label={s.bulk.label}>
      {count > 0 && (
        <form class="bulk__form" onSubmit={apply}>
          <strong class="bulk__count">{s.bulk.selected(count)}</strong>
          <label>
            {s.bulk.change}
            <select
              value={change}
              onChange={(e) => {
                // The options below are exactly the four Change values.
                setChange(e.currentTarget.value as Change);
                setValue('');
              }}
            >
              <option value="assign">{s.bulk.assign}</option>
              <option value="route">{s.bulk.route}</option>
              <option value="status">{s.bulk.status}</option>
              <option value="close">{s.bulk.close}</option>
            </select>
          </label>
          {change === 'close' ? (
            <label>
              {s.bulk.reason}
              <input value={reason} required onInput={(e) => setReason(e.currentTarget.value)} />
            </label>
          ) : (
            <label>
              {s.bulk.value}
              <select value={value} onChange={(e) => setValue(e.currentTarget.value)}>
                <option value="">{s.app.none}</option>
                {change === 'assign' && me && <option value={me.id}>{s.inbox.me}</option>}
                {change === 'assign' && <option value="none">{s.inbox.nobody}</option>}
                {change === 'assign' && users.value.filter((u) => u.id !== me?.id).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
                {change === 'route' && allDepartments.value.map((d) => <option key={d} value={d}>{departmentName(d)}</option>)}
                {change === 'status' && STATUSES.filter((x) => x !== 'closed').map((x) => <option key={x} value={x}>{s.statuses[x]}</option>)}
              </select>
            </label>
          )}
          <button type="submit" class="button button--primary" disabled={!patch || busy}>
            {busy ? s.bulk.working : s.bulk.apply}
          </button>
          <button type="button" class="button button--quiet" onClick={() => clearSelection()}>
            {s.bulk.clear}
          </button>
        </form>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      {result && (
        <div class="bulk__result">
          <p>{s.bulk.result(result.changed, result.unchanged, result.failed.length)}</p>
          {result.failed.length > 0 && (
            <ul class="bulk__failed">
              {result.failed.map((f) => (
                <li key={f.id}>
                  {tracking(f.id)}: {f.message}
                </li>
              ))}
            </ul>
          )}
          <button type="button" class="button button--quiet" onClick={() => setResult(undefined)}>
            {s.bulk.dismiss}
          </button>
        </div>
      )}
    </section>
  );
}
