import type { FollowUpList, FollowUpOutcome } from '@sori/protocol';
import { FOLLOW_UP_OUTCOMES } from '@sori/protocol/constants';
import { useEffect, useState } from 'preact/hooks';
import { isDeskError } from '../api/desk-error.js';
import { dateTime } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { paths } from '../paths.js';
import { announce } from '../ui/announce.js';
import { fetchFollowUps, recordFollowUp } from './follow-up-api.js';
import '../improvements/improvements.css';

/** The happy call: who to call back after a resolved complaint, and a button per outcome. */
export function FollowUps() {
  const s = t().followUp;
  const [list, setList] = useState<FollowUpList['followUps'] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const load = () =>
    fetchFollowUps().then(
      (r) => setList(r.followUps),
      (e: unknown) => setError(isDeskError(e) ? e.message : String(e)),
    );
  useEffect(() => void load(), []);
  const record = async (id: string, outcome: FollowUpOutcome) => {
    try {
      const { submission } = await recordFollowUp(id, { outcome });
      announce(submission.status === 'reopened' && outcome === 'reached_not_satisfied' ? s.reopened : s.recorded);
      await load();
    } catch (e) {
      announce(t().app.failed(isDeskError(e) ? e.message : String(e)));
    }
  };
  return (
    <div class="loop">
      <h1>{s.title}</h1>
      <p class="muted">{s.intro}</p>
      {error && (
        <p class="error" role="alert">
          {t().app.failed(error)}
        </p>
      )}
      {list && list.length === 0 && <p>{s.empty}</p>}
      <ul class="loop__list" aria-label={s.title}>
        {list?.map((f) => (
          <li key={f.submission.id} class="loop__item">
            <h2 class="loop__title">
              <a href={paths.submission(f.submission.id)}>{f.submission.trackingNumber}</a> · {f.reasons.map((r) => s.reasons[r]).join(', ')}
            </h2>
            <p class="loop__text">{f.submission.message}</p>
            {f.submission.contact?.phone && (
              <p>
                {s.phone}: <a href={`tel:${f.submission.contact.phone.replace(/[^0-9+]/g, '')}`}>{f.submission.contact.phone}</a>
              </p>
            )}
            {f.lastOutcome && f.lastOutcomeAt && <p class="muted">{s.last(s.outcomes[f.lastOutcome], dateTime(f.lastOutcomeAt))}</p>}
            <div class="loop__actions">
              {FOLLOW_UP_OUTCOMES.map((o) => (
                <button key={o} type="button" class="button" onClick={() => void record(f.submission.id, o)}>
                  {s.outcomes[o]}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
