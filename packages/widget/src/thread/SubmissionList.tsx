import type { Sori, Submission, SyncState } from '@sori/sdk';
import { useEffect } from 'preact/hooks';
import type { Strings } from '../locales/en.js';
import { MyData } from './MyData.js';
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

/** My messages: every submission of this browser, newest first, and the shopper's own data. What is on screen has been seen. */
export function SubmissionList({ submissions, sori, t, locale, sync, onEdit }: SubmissionListProps) {
  useEffect(() => {
    for (const s of submissions) if (s.unread) void sori.markRead(s.clientId);
  }, [submissions]);
  return (
    <>
      {submissions.length ? (
        submissions.map((s) => <SubmissionCard key={s.clientId} submission={s} t={t} locale={locale} sori={sori} storage={sync.storage} onEdit={onEdit} />)
      ) : (
        <p>{t.empty}</p>
      )}
      <MyData sori={sori} t={t} />
    </>
  );
}
