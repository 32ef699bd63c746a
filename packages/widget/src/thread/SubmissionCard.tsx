import type { Sori, Submission, SyncState } from '@sori/sdk';
import type { Strings } from '../locales/en.js';
import { FollowUp } from './FollowUp.js';
import { MessageBox } from './MessageBox.js';
import { answerBy } from '../app/answer-time.js';

/** Props of {@link SubmissionCard}. */
export interface SubmissionCardProps {
  submission: Submission;
  t: Strings;
  locale: string;
  sori: Sori;
  /** Where the outbox keeps what waits: in `memory`, "saved" would be untrue. */
  storage: SyncState['storage'];
  onEdit: (submission: Submission) => void;
}

/**
 * One of the shopper's submissions: where it is, what staff said, and what the shopper can do next
 * (write back, resend, rate). All text is rendered as text.
 */
export function SubmissionCard({ submission: s, t, locale, sori, storage, onEdit }: SubmissionCardProps) {
  const queued = storage === 'memory' ? t.queuedInMemory : t.queued;
  const thread = s.timeline.filter((e) => (e.type === 'reply' || e.type === 'message' || e.type === 'improvement_done') && e.text);
  // Asked once per resolution: rated when a rating came after the last resolution.
  const last = (match: (e: Submission['timeline'][number]) => boolean) => s.timeline.reduce((at, e, i) => (match(e) ? i : at), -1);
  const rated = last((e) => e.type === 'rating') > last((e) => e.type === 'status' && e.status === 'resolved');
  // A first answer still to come: when it is due, or that it is late.
  const due = !s.firstResponseAt && s.publicStatus !== 'resolved' && s.publicStatus !== 'closed' && s.expectedResponseBy;
  return (
    <article class="submission">
      <div class="row note">
        <span>{t.kinds[s.kind]}</span>
        {s.trackingNumber ? (
          <span>
            {t.tracking}: <strong>{s.trackingNumber}</strong>
          </span>
        ) : null}
        {s.publicStatus ? <strong>{t.statuses[s.publicStatus]}</strong> : null}
        {s.unread > 0 ? <span>{t.unread(s.unread)}</span> : null}
      </div>
      <p class="submission__text">{s.message}</p>
      {s.sendState === 'queued' || s.sendState === 'sending' ? <p class="note">{s.sendState === 'sending' ? t.sending : queued}</p> : null}
      {s.sendState === 'rejected' ? (
        <p class="note" role="alert">
          {t.rejected}: {s.error?.message} <button onClick={() => onEdit(s)}>{t.resend}</button>
        </p>
      ) : null}
      {due ? <p class="note">{Date.parse(due) < Date.now() ? t.late : answerBy(due, locale, t)}</p> : null}
      {thread.map((e) => (
        <p class="entry" key={e.id}>
          <strong>{e.type === 'improvement_done' ? t.changed : e.author === 'staff' ? (e.authorName ?? t.staff) : t.you}:</strong> {e.text}
        </p>
      ))}
      {s.outgoing.map((m) => (
        <p class="entry note" key={m.clientId}>
          <strong>{t.you}:</strong> {m.text} ({m.sendState === 'rejected' ? `${t.rejected}: ${m.error?.message}` : queued})
        </p>
      ))}
      {s.publicStatus === 'answered' ? <MessageBox submission={s} sori={sori} t={t} /> : null}
      {rated ? <p role="status">{t.rated}</p> : s.publicStatus === 'resolved' ? <FollowUp key={s.resolvedAt} submission={s} sori={sori} t={t} /> : null}
    </article>
  );
}
