import type { DeskSubmission, Improvement } from '@sori/protocol';
import { useEffect, useState } from 'preact/hooks';
import { sites } from '../api/directory.js';
import { isDeskError } from '../api/desk-error.js';
import { t } from '../i18n/i18n.js';
import { announce } from '../ui/announce.js';
import { departmentName } from '../ui/names.js';
import { createImprovement, fetchImprovements, linkToImprovement } from './improvements-api.js';
import './improvements.css';

/** From the submission view: add it to an open improvement of its site, or start a new one. */
export function LinkImprovement({ submission }: { submission: DeskSubmission }) {
  const s = t().improvements;
  const [open, setOpen] = useState<Improvement[]>([]);
  const [mine, setMine] = useState<Improvement[]>([]);
  // The department picked for a new one; the submission's own until one is (a select's `defaultValue` picks nothing in Preact).
  const [department, setDepartment] = useState<string | undefined>();
  const [titleError, setTitleError] = useState<string | undefined>();
  const load = async () => {
    const [all, linked] = await Promise.all([fetchImprovements({ siteId: submission.siteId }), fetchImprovements({ submissionId: submission.id })]);
    setOpen(all.improvements.filter((i) => i.status !== 'declined' && !i.submissionIds.includes(submission.id)));
    setMine(linked.improvements);
  };
  useEffect(() => void load().catch(() => undefined), [submission.id]);
  const departments = sites.value.find((site) => site.id === submission.siteId)?.departments ?? [];
  const submit = async (event: Event) => {
    event.preventDefault();
    // Kept: `currentTarget` is null once the event has been handled, before the answer comes.
    const element = event.currentTarget as HTMLFormElement;
    const form = new FormData(element);
    const target = String(form.get('improvement') ?? '');
    const title = String(form.get('title') ?? '').trim();
    // Said at the field rather than left to the server's schema message.
    setTitleError(target || title ? undefined : s.titleNeeded);
    if (!target && !title) return;
    try {
      if (target) await linkToImprovement(target, [submission.id]);
      else await createImprovement({ title, department: String(form.get('department') ?? ''), submissionIds: [submission.id] });
      announce(target ? s.linked_ok : s.created);
      element.reset();
      setDepartment(undefined);
      await load();
    } catch (e) {
      announce(t().app.failed(isDeskError(e) ? e.message : String(e)));
    }
  };
  return (
    <section class="loop__link" aria-labelledby="link-improvement">
      <h2 id="link-improvement">{s.title}</h2>
      {mine.length > 0 && (
        <ul>
          {mine.map((i) => (
            <li key={i.id}>
              {i.title} · {s.statuses[i.status]}
            </li>
          ))}
        </ul>
      )}
      <form class="loop__form" onSubmit={(e) => void submit(e)}>
        <label>
          {s.linkTo}
          <select name="improvement">
            <option value="">{s.linkNew}</option>
            {open.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title} ({departmentName(i.department)})
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.newTitle}{' '}
          <input name="title" maxLength={200} aria-invalid={titleError ? 'true' : undefined} aria-describedby={titleError ? 'improvement-title-error' : undefined} />
        </label>
        {titleError && (
          <p id="improvement-title-error" class="error" role="alert">
            {titleError}
          </p>
        )}
        <label>
          {s.newDepartment}
          <select name="department" value={department ?? submission.department ?? departments[0]} onChange={(e) => setDepartment(e.currentTarget.value)}>
            {departments.map((d) => (
              <option key={d} value={d}>
                {departmentName(d)}
              </option>
            ))}
          </select>
        </label>
        <button class="button">{s.link}</button>
      </form>
    </section>
  );
}
