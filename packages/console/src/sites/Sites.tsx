import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { isDeskError } from '../api/desk-error.js';
import { t } from '../i18n/i18n.js';
import { paths } from '../paths.js';
import { FieldError, invalidProps } from '../ui/FieldError.js';
import { useSave } from '../ui/use-save.js';
import { readOrigin } from './site-form.js';
import { adminSites, createSite, loadAdminSites } from './sites-api.js';
import './sites.css';

/** A new site: its name and first origin; the rest is set on its own page after. */
function NewSiteForm({ onDone }: { onDone: () => void }) {
  const s = t().sites;
  const [name, setName] = useState('');
  const [origin, setOrigin] = useState('');
  const [problem, setProblem] = useState<{ field: 'name' | 'origin'; message: string } | undefined>();
  const save = useSave();
  const { route } = useLocation();

  async function submit(event: Event) {
    event.preventDefault();
    if (!name.trim()) return setProblem({ field: 'name', message: s.errors.nameEmpty });
    const read = readOrigin(origin, []);
    if ('problem' in read) return setProblem({ field: 'origin', message: s.errors[read.problem] });
    setProblem(undefined);
    let created = '';
    const ok = await save.run(async () => (created = (await createSite({ name: name.trim(), origins: [read.origin] })).id), s.created);
    if (ok) route(paths.site(created));
  }

  const at = (field: 'name' | 'origin') => (problem?.field === field ? problem.message : save.field?.startsWith(field) ? save.error : undefined);
  return (
    <form class="settings-form settings-section" onSubmit={submit} noValidate aria-labelledby="new-site-heading">
      <h2 id="new-site-heading">{s.create}</h2>
      <label>
        {s.name}
        <input value={name} maxLength={200} {...invalidProps('new-name-error', at('name'))} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <FieldError id="new-name-error" message={at('name')} />
      <label>
        {s.firstOrigin}
        <input value={origin} type="url" placeholder="https://shop.example.com" {...invalidProps('new-origin-error', at('origin'))} onInput={(e) => setOrigin(e.currentTarget.value)} />
      </label>
      <FieldError id="new-origin-error" message={at('origin')} />
      {save.error && !at('name') && !at('origin') && (
        <p class="error" role="alert">
          {save.error}
        </p>
      )}
      <div class="dialog__actions">
        <button type="button" class="button button--quiet" onClick={onDone}>
          {t().app.cancel}
        </button>
        <button type="submit" class="button button--primary" disabled={save.busy}>
          {s.createSubmit}
        </button>
      </div>
    </form>
  );
}

/** Every site, with its key and origins; a new one is made here. */
export function Sites() {
  const s = t().sites;
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => void loadAdminSites().catch((failure) => setError(isDeskError(failure) ? failure.message : String(failure))), []);
  const list = adminSites.value;
  return (
    <section aria-labelledby="sites-heading" class="admin-page">
      <h1 id="sites-heading">{s.heading}</h1>
      {error && (
        <p class="error" role="alert">
          {t().app.failed(error)}
        </p>
      )}
      {adding ? (
        <NewSiteForm onDone={() => setAdding(false)} />
      ) : (
        <button type="button" class="button button--primary" onClick={() => setAdding(true)}>
          {s.create}
        </button>
      )}
      {!list && !error && <p role="status">{t().app.loading}</p>}
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">{s.name}</th>
            <th scope="col">{s.siteKey}</th>
            <th scope="col">{s.origins}</th>
          </tr>
        </thead>
        <tbody>
          {(list ?? []).map((site) => (
            <tr key={site.id}>
              <td>
                <a href={paths.site(site.id)}>{site.name}</a>
              </td>
              <td>
                <code>{site.key}</code>
              </td>
              <td>{site.origins.length ? site.origins.join(', ') : <span class="warning">{s.noOrigins}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
