import type { AdminSite } from '@sori/protocol';
import { t } from '../i18n/i18n.js';
import { CopyButton } from '../ui/CopyButton.js';
import { scriptTag } from './site-form.js';

/** The exact tag to paste into the site's pages, with the site key and this server as the endpoint. */
export function ScriptTag({ site }: { site: AdminSite }) {
  const s = t().sites;
  const tag = scriptTag(location.origin, site.key, site.settings.locale);
  return (
    <section class="settings-section" aria-labelledby="tag-heading">
      <h2 id="tag-heading">{s.scriptTag}</h2>
      <p class="muted">{s.scriptTagHint}</p>
      <pre class="code" aria-label={s.scriptTag}>
        <code>{tag}</code>
      </pre>
      <CopyButton text={tag} label={s.copyTag} />
      <dl class="facts">
        <dt>{s.siteKey}</dt>
        <dd>
          <code>{site.key}</code>
        </dd>
        <dt>{s.siteId}</dt>
        <dd>
          <code>{site.id}</code>
        </dd>
      </dl>
    </section>
  );
}
