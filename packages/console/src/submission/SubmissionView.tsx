import { canTransition, TRANSITIONS } from '@sori/protocol/constants';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { sites } from '../api/directory.js';
import { currentUser } from '../api/session.js';
import { t } from '../i18n/i18n.js';
import { apply } from '../inbox/inbox-store.js';
import { paths } from '../paths.js';
import { useActions } from '../shortcuts/registry.js';
import { Presence } from '../ui/Presence.js';
import { departmentName } from '../ui/names.js';
import { SlaBadge } from '../ui/SlaBadge.js';
import { Composer, focusComposer } from './Composer.js';
import { LinkImprovement } from '../improvements/LinkImprovement.js';
import { Details } from './Details.js';
import { Timeline } from './Timeline.js';
import { change, Triage } from './Triage.js';
import { useSubmission } from './use-submission.js';
import './submission.css';

/**
 * One submission: the shopper's message, its details, triage, the composer and the whole
 * timeline, kept live; who else is on it is shown at the top.
 */
export function SubmissionView({ id }: { id: string }) {
  const { route } = useLocation();
  const { detail, error, applyChange, reload } = useSubmission(id);
  const s = t().submission;
  // What this console changes shows in the inbox at once, not only when the event comes back.
  const changed = (c: Parameters<typeof applyChange>[0]) => {
    applyChange(c);
    apply([c.submission]);
  };

  useEffect(() => {
    if (detail) document.title = `${detail.submission.trackingNumber} · ${t().app.title}`;
    return () => void (document.title = t().app.title);
  }, [detail?.submission.trackingNumber]);

  useActions(() => {
    const current = () => detail?.submission;
    const status = detail?.submission.status;
    return [
      { id: 'submission.back', group: 'submission', keys: 'Escape', label: () => t().shortcuts.actions.back, run: () => route(paths.inbox) },
      {
        id: 'submission.assignToMe',
        group: 'submission',
        keys: 'a',
        label: () => t().shortcuts.actions.assignToMe,
        run: () => {
          const me = currentUser.peek();
          const sub = current();
          if (me && sub) void change(sub.id, { assigneeId: me.id }, changed);
        },
      },
      { id: 'submission.reply', group: 'submission', keys: 'r', label: () => t().shortcuts.actions.reply, run: () => focusComposer('reply') },
      { id: 'submission.note', group: 'submission', keys: 'n', label: () => t().shortcuts.actions.note, run: () => focusComposer('note') },
      {
        id: 'submission.resolve',
        group: 'submission',
        keys: 'e',
        label: () => t().shortcuts.actions.resolve,
        run: () => {
          const sub = current();
          if (sub && canTransition(sub.status, 'resolved')) void change(sub.id, { status: 'resolved' }, changed);
        },
      },
      // In the palette only (⌘K, then type): routing and every next status, so that triage is
      // all reachable from the keyboard. Closing asks for a reason, in the triage panel.
      ...(sites.value.find((site) => site.id === current()?.siteId)?.departments ?? []).map((department) => ({
        id: `submission.route.${department}`,
        group: 'submission' as const,
        label: () => t().shortcuts.actions.routeTo(departmentName(department)),
        run: () => {
          const sub = current();
          if (sub) void change(sub.id, { department }, changed);
        },
      })),
      ...(status ? TRANSITIONS[status] : [])
        .filter((next) => next !== 'closed' && next !== 'resolved')
        .map((next) => ({
          id: `submission.status.${next}`,
          group: 'submission' as const,
          label: () => t().submission.moveTo(t().statuses[next]),
          run: () => {
            const sub = current();
            if (sub && canTransition(sub.status, next)) void change(sub.id, { status: next }, changed);
          },
        })),
    ];
  }, [detail?.submission, sites.value]);

  if (!detail) {
    return (
      <div class="submission">
        <a href={paths.inbox}>{s.back}</a>
        {error ? <p class="error" role="alert">{t().app.failed(error)}</p> : <p role="status">{s.loading}</p>}
      </div>
    );
  }
  const sub = detail.submission;
  return (
    <article class="submission" aria-labelledby="submission-heading">
      <header class="submission__header">
        <a href={paths.inbox}>{s.back}</a>
        <h1 id="submission-heading">
          <span class={`kind kind--${sub.kind}`}>{t().kinds[sub.kind]}</span> {sub.trackingNumber}
        </h1>
        <span>{t().statuses[sub.status]}</span>
        <SlaBadge submission={sub} />
        <Presence submissionId={sub.id} />
      </header>
      {sub.spamReason && <p class="submission__spam">{s.spam(sub.spamReason)}</p>}
      <div class="submission__layout">
        <div class="submission__thread">
          <section class="submission__message" aria-labelledby="message-heading">
            <h2 id="message-heading">{s.message}</h2>
            <p class="submission__text" lang={sub.locale}>{sub.message}</p>
          </section>
          <Composer key={sub.id} submission={sub} timeline={detail.timeline} onSent={changed} reload={reload} />
          <Timeline events={detail.timeline} />
        </div>
        <aside class="submission__side">
          <Triage submission={sub} onChange={changed} />
          <Details submission={sub} />
          <LinkImprovement submission={sub} />
        </aside>
      </div>
    </article>
  );
}
