import type { AdminSite } from '@sori/protocol';
import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n.js';
import { FieldError, invalidProps } from '../ui/FieldError.js';
import { useSave } from '../ui/use-save.js';
import { readOrigin } from './site-form.js';
import { updateSite } from './sites-api.js';

/**
 * The origins whose pages may send to the site. Each add or removal is saved at once; removing
 * the last one asks first, since a site without origins takes no submissions.
 */
export function OriginsEditor({ site }: { site: AdminSite }) {
  const s = t().sites;
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [confirmLast, setConfirmLast] = useState<string | undefined>();
  const save = useSave();

  async function add(event: Event) {
    event.preventDefault();
    const read = readOrigin(typed, site.origins);
    if ('problem' in read) return setProblem(s.errors[read.problem]);
    setProblem(undefined);
    if (await save.run(() => updateSite(site.id, { addOrigins: [read.origin] }), s.originAdded(read.origin))) setTyped('');
  }

  async function remove(origin: string, confirmed = false) {
    if (site.origins.length === 1 && !confirmed) return setConfirmLast(origin);
    setConfirmLast(undefined);
    await save.run(() => updateSite(site.id, { removeOrigins: [origin], ...(confirmed ? { confirmNoOrigins: true } : {}) }), s.originRemoved(origin));
  }

  const errorId = 'origin-error';
  const shown = problem ?? save.error;
  return (
    <section class="settings-section" aria-labelledby="origins-heading">
      <h2 id="origins-heading">{s.origins}</h2>
      <p class="muted">{s.originsHint}</p>
      {site.origins.length === 0 && (
        <p class="warning" role="alert">
          {s.noOrigins}
        </p>
      )}
      <ul class="list-editor__items">
        {site.origins.map((origin) => (
          <li key={origin}>
            <code>{origin}</code>
            <button type="button" class="button button--quiet" aria-label={s.removeLabel(origin)} disabled={save.busy} onClick={() => void remove(origin)}>
              {s.remove}
            </button>
          </li>
        ))}
      </ul>
      {confirmLast && (
        <div role="alertdialog" aria-labelledby="last-origin" class="confirm">
          <p id="last-origin">{s.confirmLastOrigin(confirmLast)}</p>
          <button type="button" class="button button--danger" onClick={() => void remove(confirmLast, true)}>
            {s.removeAnyway}
          </button>
          <button type="button" class="button button--quiet" onClick={() => setConfirmLast(undefined)}>
            {t().app.cancel}
          </button>
        </div>
      )}
      <form class="inline-form" onSubmit={add} noValidate>
        <label>
          {s.addOrigin}
          <input
            value={typed}
            type="url"
            placeholder="https://shop.example.com"
            {...invalidProps(errorId, shown)}
            onInput={(e) => {
              setTyped(e.currentTarget.value);
              setProblem(undefined);
              save.clear();
            }}
          />
        </label>
        <button type="submit" class="button" disabled={save.busy}>
          {s.add}
        </button>
      </form>
      <FieldError id={errorId} message={shown} />
    </section>
  );
}
