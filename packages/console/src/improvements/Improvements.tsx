import type { Improvement, ImprovementList, ImprovementStatus } from '@sori/protocol';
import { IMPROVEMENT_TRANSITIONS } from '@sori/protocol/constants';
import { useEffect, useState } from 'preact/hooks';
import { allDepartments, users } from '../api/directory.js';
import { isDeskError } from '../api/desk-error.js';
import { t } from '../i18n/i18n.js';
import { paths } from '../paths.js';
import { announce } from '../ui/announce.js';
import { departmentName } from '../ui/names.js';
import { fetchImprovements, patchImprovement } from './improvements-api.js';
import './improvements.css';

const failed = (e: unknown) => announce(t().app.failed(isDeskError(e) ? e.message : String(e)));

/** After the server refused a change: it says why, and the list is read again (it may have moved meanwhile). */
function refused(e: unknown, reload: () => void): void {
  failed(e);
  reload();
}

/** One improvement: where it stands, the VOC behind it, its status changes and an edit form. */
function ImprovementItem({ improvement: i, onChange }: { improvement: Improvement; onChange: () => void }) {
  const s = t().improvements;
  const [editing, setEditing] = useState(false);
  const [reason, setReason] = useState('');
  // The form's picks until saved; the improvement's own values until one is made (a select's `defaultValue` picks nothing in Preact).
  const [draft, setDraft] = useState<{ department?: string; owner?: string }>({});
  const edit = (open: boolean) => {
    setDraft({});
    setEditing(open);
  };
  const move = async (status: ImprovementStatus) => {
    try {
      await patchImprovement(i.id, { status, ...(status === 'declined' ? { reason: reason.trim() } : {}) });
      announce(s.saved);
      onChange();
    } catch (e) {
      refused(e, onChange);
    }
  };
  const save = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const owner = String(form.get('owner') ?? '');
    try {
      await patchImprovement(i.id, { title: String(form.get('title')), department: String(form.get('department')), ownerId: owner || null });
      edit(false);
      announce(s.saved);
      onChange();
    } catch (e) {
      refused(e, onChange);
    }
  };
  return (
    <li class="loop__item">
      <h3 class="loop__title">
        {i.title} · {s.statuses[i.status]}
      </h3>
      <p class="muted">
        {s.linked(i.submissionCount, i.complaintCount)} · {s.owner}: {i.ownerName ?? s.nobody}
        {i.reason ? ` · ${s.reason}: ${i.reason}` : ''}
      </p>
      <p class="loop__actions">
        {i.submissionIds.map((id, n) => (
          <a key={id} href={paths.submission(id)}>
            {s.open} {n + 1}
          </a>
        ))}
      </p>
      {editing ? (
        <form class="loop__form" onSubmit={(e) => void save(e)}>
          <label>
            {s.name} <input name="title" required maxLength={200} defaultValue={i.title} />
          </label>
          <label>
            {s.department}
            <select name="department" value={draft.department ?? i.department} onChange={(e) => setDraft({ ...draft, department: e.currentTarget.value })}>
              {allDepartments.value.map((d) => (
                <option key={d} value={d}>
                  {departmentName(d)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {s.owner}
            <select name="owner" value={draft.owner ?? i.ownerId ?? ''} onChange={(e) => setDraft({ ...draft, owner: e.currentTarget.value })}>
              <option value="">{s.nobody}</option>
              {users.value.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          <button class="button">{s.save}</button>
          <button type="button" class="button" onClick={() => edit(false)}>
            {s.cancel}
          </button>
        </form>
      ) : (
        <div class="loop__actions">
          {IMPROVEMENT_TRANSITIONS[i.status].map((to) => (
            <button key={to} type="button" class="button" disabled={to === 'declined' && !reason.trim()} onClick={() => void move(to)}>
              {s.move(s.statuses[to])}
            </button>
          ))}
          {IMPROVEMENT_TRANSITIONS[i.status].includes('declined') && (
            <label>
              {s.reason} <input value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
            </label>
          )}
          <button type="button" class="button button--quiet" onClick={() => edit(true)}>
            {s.edit}
          </button>
        </div>
      )}
      {i.status !== 'done' && i.status !== 'declined' && <p class="muted">{s.doneNote}</p>}
    </li>
  );
}

/** The improvements screen (VOC step 10): per department, with the VOC behind each. */
export function Improvements() {
  const s = t().improvements;
  const [list, setList] = useState<ImprovementList | undefined>();
  const load = () => fetchImprovements().then(setList, failed);
  useEffect(() => void load(), []);
  return (
    <div class="loop">
      <h1>{s.title}</h1>
      {list && list.improvements.length === 0 && <p>{s.empty}</p>}
      {list?.departments.map((d) => (
        <section key={d.department} class="loop__department" aria-labelledby={`dept-${d.department}`}>
          <h2 id={`dept-${d.department}`}>{departmentName(d.department)}</h2>
          <p class="muted">{s.department_counts(d.improvements, d.submissions, d.complaints)}</p>
          <ul class="loop__list">
            {list.improvements
              .filter((i) => i.department === d.department)
              .map((i) => (
                <ImprovementItem key={i.id} improvement={i} onChange={() => void load()} />
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
