import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { isDeskError } from '../api/desk-error.js';
import { t } from '../i18n/i18n.js';
import { paths } from '../paths.js';
import { AppearanceEditor } from './AppearanceEditor.js';
import { GeneralEditor } from './GeneralEditor.js';
import { HoursEditor } from './HoursEditor.js';
import { OriginsEditor } from './OriginsEditor.js';
import { RoutingEditor } from './RoutingEditor.js';
import { ScriptTag } from './ScriptTag.js';
import { SiteHistory } from './SiteHistory.js';
import { adminSites, loadAdminSites } from './sites-api.js';
import { TargetsEditor } from './TargetsEditor.js';
import './sites.css';

/** One site's settings, a section each, each saved on its own (and audited by the server). */
export function SiteEditor() {
  const { params } = useRoute();
  const id = params['id'] ?? '';
  const [error, setError] = useState<string | undefined>();
  const s = t().sites;

  useEffect(() => {
    // Always asked again: another admin (or the CLI) may have changed it since the list loaded.
    void loadAdminSites().catch((failure) => setError(isDeskError(failure) ? failure.message : String(failure)));
  }, []);

  const site = adminSites.value?.find((candidate) => candidate.id === id);
  if (error)
    return (
      <p class="error" role="alert">
        {t().app.failed(error)}
      </p>
    );
  if (!adminSites.value) return <p role="status">{t().app.loading}</p>;
  if (!site) return <p role="alert">{s.notFound}</p>;
  return (
    <section class="site-editor" aria-labelledby="site-heading">
      <p>
        <a href={paths.sites}>{s.back}</a>
      </p>
      <h1 id="site-heading">{s.editing(site.name)}</h1>
      {/* Keyed on the site: the drafts start from what is stored, not from another site's. */}
      <div key={site.id} class="site-editor__sections">
        <ScriptTag site={site} />
        <OriginsEditor site={site} />
        <GeneralEditor site={site} />
        <TargetsEditor site={site} />
        <HoursEditor site={site} />
        <RoutingEditor site={site} />
        <AppearanceEditor site={site} />
        <SiteHistory site={site} />
      </div>
    </section>
  );
}
