import type { DeskChange, DeskPatch, DeskSubmission } from '@sori/protocol';
import { KINDS, TRANSITIONS } from '@sori/protocol/constants';
import { useState } from 'preact/hooks';
import { sites, users } from '../api/directory.js';
import { isDeskError } from '../api/desk-error.js';
import { currentUser } from '../api/session.js';
import { t } from '../i18n/i18n.js';
import { announce } from '../ui/announce.js';
import { departmentName } from '../ui/names.js';
import { patchSubmission } from './submission-api.js';

/** Props of {@link Triage}. */
export interface TriageProps {
  submission: DeskSubmission;
  onChange: (change: DeskChange) => void;
}

/** Sends one change and reports it; returns the error message, if any. */
export async function change(id: string, patch: DeskPatch, onChange: (change: DeskChange) => void): Promise<string | undefined> {
  try {
    onChange(await patchSubmission(id, patch));
    announce(t().submission.changed);
    return undefined;
  } catch (error) {
    return isDeskError(error) ? error.message : String(error);
  }
}

/**
 * Classify (kind, product), route (department), assign (to me in one press), and move the status
 * on — only to the statuses the lifecycle allows next; closing asks for the reason it keeps.
 */
export function Triage({ submission: s, onChange }: TriageProps) {
  const [error, setError] = useState<string | undefined>();
  const [closing, setClosing] = useState(false);
  const [reason, setReason] = useState('');
  const d = t().submission;
  const site = sites.value.find((x) => x.id === s.siteId);
  const me = currentUser.value;
  const run = async (patch: DeskPatch) => setError(await change(s.id, patch, onChange));
  const products = [...new Set([...(site?.products ?? []), ...(s.product ? [s.product] : [])])];
  const departments = [...new Set([...(site?.departments ?? []), ...(s.department ? [s.department] : [])])];
  const next = TRANSITIONS[s.status];

  return (
    <section class="triage" aria-labelledby="triage-heading">
      <h2 id="triage-heading">{d.triage}</h2>
      <div class="triage__fields">
        <label>
          {d.kind}
          <select value={s.kind} onChange={(e) => void run({ kind: KINDS.find((k) => k === e.currentTarget.value) ?? s.kind })}>
            {(site?.kinds.length ? site.kinds : KINDS).map((k) => (
              <option key={k} value={k}>
                {t().kinds[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {d.product}
          <select value={s.product ?? ''} onChange={(e) => void run({ product: e.currentTarget.value })}>
            <option value="">{t().app.none}</option>
            {products.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          {d.department}
          <select value={s.department ?? ''} onChange={(e) => e.currentTarget.value && void run({ department: e.currentTarget.value })}>
            <option value="">{t().app.none}</option>
            {departments.map((dep) => (
              <option key={dep} value={dep}>
                {departmentName(dep)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {d.assignee}
          <select value={s.assigneeId ?? ''} onChange={(e) => void run({ assigneeId: e.currentTarget.value || null })}>
            <option value="">{d.unassigned}</option>
            {users.value.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        {me && s.assigneeId !== me.id && (
          <button type="button" class="button" onClick={() => void run({ assigneeId: me.id })}>
            {d.assignToMe} <kbd class="kbd">a</kbd>
          </button>
        )}
      </div>
      <div class="triage__status" role="group" aria-label={d.status}>
        <span>
          {d.status}: <strong>{t().statuses[s.status]}</strong>
        </span>
        {next
          .filter((status) => status !== 'closed')
          .map((status) => (
            <button key={status} type="button" class={`button${status === 'resolved' ? ' button--primary' : ''}`} onClick={() => void run({ status })}>
              {status === 'resolved' ? d.resolve : status === 'reopened' ? d.reopen : d.moveTo(t().statuses[status])}
            </button>
          ))}
        {next.includes('closed') && !closing && (
          <button type="button" class="button button--danger" onClick={() => setClosing(true)}>
            {d.close}
          </button>
        )}
      </div>
      {closing && (
        <form
          class="triage__close"
          onSubmit={(e) => {
            e.preventDefault();
            if (!reason.trim()) return;
            void change(s.id, { status: 'closed', reason: reason.trim() }, onChange).then((failed) => {
              setError(failed);
              if (!failed) setClosing(false);
            });
          }}
        >
          <label>
            {d.closeReason}
            <input value={reason} required autoFocus maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          <button type="submit" class="button button--danger" disabled={!reason.trim()}>
            {d.confirmClose}
          </button>
          <button type="button" class="button button--quiet" onClick={() => setClosing(false)}>
            {t().app.cancel}
          </button>
        </form>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
