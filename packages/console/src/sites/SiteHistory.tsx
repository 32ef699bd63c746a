import type { AdminSite, AuditEntry } from '@sori/protocol';
import { ADMIN_PATHS } from '@sori/protocol/constants';
import { useEffect, useState } from 'preact/hooks';
import { desk } from '../api/client.js';
import { isDeskError } from '../api/desk-error.js';
import { dateTime } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';

/** The site's settings changes, newest first: who, when, and which settings (the audit the server keeps). */
export function SiteHistory({ site }: { site: AdminSite }) {
  const s = t().sites;
  const [entries, setEntries] = useState<AuditEntry[] | undefined>();
  const [error, setError] = useState<string | undefined>();

  // Asked again whenever the site changed here (each save answers a new site object).
  useEffect(() => {
    desk<{ entries: AuditEntry[] }>('GET', ADMIN_PATHS.audit, { query: { subject: 'site', subjectId: site.id, limit: 20 } }).then(
      (answer) => setEntries(answer.entries),
      (failure) => setError(isDeskError(failure) ? failure.message : String(failure)),
    );
  }, [site]);

  return (
    <section class="settings-section" aria-labelledby="history-heading">
      <h2 id="history-heading">{s.history}</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {entries && !entries.length && <p class="muted">{s.noHistory}</p>}
      <ul class="list-editor__items">
        {(entries ?? []).map((entry) => (
          <li key={entry.id}>
            <span>
              {s.historyEntry(entry.actorName, s.historyAction(entry.action), dateTime(entry.at))}
              {Object.keys(entry.changes).length > 0 && (
                <span class="muted"> · {Object.keys(entry.changes).map(s.settingName).join(', ')}</span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
