import type { Sori, Submission, SyncState } from '@sori/sdk';
import { useEffect } from 'preact/hooks';
import type { Strings } from '../locales/en.js';
import { SubmissionCard } from './SubmissionCard.js';

/** Props of {@link SubmissionList}. */
export interface SubmissionListProps {
  submissions: Submission[];
  sori: Sori;
  t: Strings;
  locale: string;
  sync: SyncState;
  onEdit: (submission: Submission) => void;
}

/** My messages: every submission of this browser, newest first. What is on screen has been seen. */
export function SubmissionList({ submissions, sori, t, locale, sync, onEdit }: SubmissionListProps) {
  useEffect(() => {
    for (const s of submissions) if (s.unread) void sori.markRead(s.clientId);
  }, [submissions]);
  if (!submissions.length) return <p>{t.empty}</p>;
  return (
    <>
      {submissions.map((s) => (
        <SubmissionCard key={s.clientId} submission={s} t={t} locale={locale} sori={sori} storage={sync.storage} onEdit={onEdit} />
      ))}
    </>
  );
}
